using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Framework.Sql;

namespace Framework.Benchmarks.Sql;

/// <summary>
/// The shape cache: a three-join SELECT built and compiled when the dialect has compiled its shape before (a hit)
/// against a shape it has never seen (a miss), first without the database, then executed on PostgreSQL.
/// </summary>
/// <remarks>
/// A hit builds the statement with new values and looks its shape up; a miss also writes the SQL. Framework has no
/// public way to empty the cache, so a miss is forced with a new shape each call, two ways:
/// <list type="bullet">
/// <item><c>..._miss_fresh_tables</c>: a new MetaData and four new Table objects (tables are part of a shape by
/// identity). The SQL text is the same every call, but the time includes building the tables, which
/// <see cref="Build_tables_only"/> measures alone.</item>
/// <item><c>..._miss_new_label</c>: the same tables, with the quantity column labelled by a name never used before.
/// Nothing but the label differs from a hit, so the difference from a hit is compiling the SQL and storing it.</item>
/// </list>
/// Misses fill the dialect's cache, which starts over past 2,000 shapes; that clearing is part of a miss's cost
/// (once every 2,000 calls). The hit baseline shares the cache with them, as an application's hot statements do.
/// </remarks>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CompileCacheBenchmarks
{
    private const string Compile = "Compile";
    private const string Execute = "Execute";

    private OrderSchema _schema = null!;
    private AsyncEngine _engine = null!;
    private Dialect _dialect = null!;
    private AsyncConnection _connection = null!;
    private int _key;
    private long _label;

    [GlobalSetup]
    public async Task Setup()
    {
        await OrderSchema.EnsureTablesAsync();
        _schema = new OrderSchema();
        _engine = Engines.CreateAsyncEngine(BenchDatabase.Url);
        _dialect = _engine.Dialect;
        _connection = await _engine.ConnectAsync();
        CheckHitsAndMisses();
        await CheckResultsAsync();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _connection.DisposeAsync();
        await _engine.DisposeAsync();
    }

    [Benchmark(Baseline = true), BenchmarkCategory(Compile)]
    public Compiled Compile_hit() => Hit().Compile(_dialect);

    [Benchmark, BenchmarkCategory(Compile)]
    public Compiled Compile_miss_new_label() => MissNewLabel().Compile(_dialect);

    [Benchmark, BenchmarkCategory(Compile)]
    public Compiled Compile_miss_fresh_tables() => MissFreshTables().Compile(_dialect);

    // What every Compile_ benchmark pays before it compiles: building the statement (joins inferred from the foreign
    // keys). Compile_hit less this is the shape key, the cache lookup and the copy of the statement's values.
    [Benchmark, BenchmarkCategory(Compile)]
    public Select Build_statement_only() => Hit();

    // What Compile_miss_fresh_tables pays before it builds its statement.
    [Benchmark, BenchmarkCategory(Compile)]
    public OrderSchema Build_tables_only() => new();

    [Benchmark(Baseline = true), BenchmarkCategory(Execute)]
    public Task<int> Execute_hit() => Run(Hit());

    [Benchmark, BenchmarkCategory(Execute)]
    public Task<int> Execute_miss_new_label() => Run(MissNewLabel());

    [Benchmark, BenchmarkCategory(Execute)]
    public Task<int> Execute_miss_fresh_tables() => Run(MissFreshTables());

    private Select Hit() => _schema.OrdersOf(NextKey(), 2);

    private Select MissNewLabel() => _schema.OrdersOf(NextKey(), 2, NextLabel());

    private Select MissFreshTables() => new OrderSchema().OrdersOf(NextKey(), 2);

    // The statement runs inside the connection's one long transaction (autobegin), as in SelectBenchmarks: no BEGIN or
    // ROLLBACK per call, so the round trip is the statement's alone.
    private async Task<int> Run(Select statement)
    {
        var result = await _connection.ExecuteAsync(statement);
        var sum = 0;
        foreach (var row in result)
            sum += row.Get<int>(0) + row.Get<int>(1) + row.Get<string>(2).Length + row.Get<string>(3).Length + row.Get<string>(4).Length;
        return sum;
    }

    private int NextKey() => _key = _key % OrderSchema.CustomerCount + 1;

    private string NextLabel() => "qty_" + (++_label).ToString(CultureInfo.InvariantCulture);

    // A hit returns the shared compiled form (the very SQL string compiled first); a miss compiles anew, to the same
    // text for fresh tables and to a new label otherwise. The compiled SQL is only compared by reference, never
    // changed, so this holds whatever the cache does inside.
    private void CheckHitsAndMisses()
    {
        var first = Compile_hit();
        var hit = Compile_hit();
        var fresh = Compile_miss_fresh_tables();
        var label = Compile_miss_new_label();
        Require(ReferenceEquals(first.Sql, hit.Sql), "a hit did not reuse the compiled SQL");
        Require(!ReferenceEquals(first.Sql, fresh.Sql) && first.Sql == fresh.Sql, "fresh tables did not compile anew to the same SQL");
        Require(!ReferenceEquals(first.Sql, label.Sql) && label.Sql.Contains("AS qty_", StringComparison.Ordinal), "a new label did not compile anew");
        Require(first.Sql.Split(" JOIN ").Length == 4, $"the statement is not three joins: {first.Sql}");
    }

    // Every customer has orders with qty > 2; all three executions read the same rows for the same key.
    private async Task CheckResultsAsync()
    {
        var saved = _key;
        var hit = await Execute_hit();
        _key = saved;
        var label = await Execute_miss_new_label();
        _key = saved;
        var fresh = await Execute_miss_fresh_tables();
        Require(hit > 0 && hit == label && hit == fresh, $"the three executions read different rows: {hit}, {label}, {fresh}");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
            throw new InvalidOperationException("CompileCacheBenchmarks sanity check failed: " + message + ".");
    }
}
