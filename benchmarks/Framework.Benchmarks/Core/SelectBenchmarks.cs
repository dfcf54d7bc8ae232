using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Dapper;
using Framework.Sql;
using Npgsql;

namespace Framework.Benchmarks.Core;

/// <summary>
/// The cost of one statement on a connection that is already open: send it, read its rows, dispose what it made.
/// Raw Npgsql is the floor (the baseline of each category); the project's target is Framework at most 1.10x its time.
/// </summary>
/// <remarks>
/// Keys rotate over the table so that every call reads a different row, as an application does: nothing is served
/// from a cache that a constant key would keep warm, while the statement's shape (SQL text, compiled form) repeats.
/// <para>
/// A Framework connection begins a transaction on its first statement (autobegin, as in SQLAlchemy), so the
/// Framework benchmarks here run every statement inside one long transaction that is rolled back at cleanup. That
/// costs nothing per statement (no BEGIN or ROLLBACK is sent between them) and is what this class measures: the
/// per-statement path. The whole connect-statement-return cycle, with its ROLLBACK, is in UnitOfWorkBenchmarks.
/// </para>
/// </remarks>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SelectBenchmarks
{
    private const string OneRow = "OneRow";
    private const string TwentyRows = "TwentyRows";

    private const string RawOneSql = "SELECT id, name, value FROM bench_items WHERE id = $1";
    private const string RawTwentySql = "SELECT id, name, value FROM bench_items WHERE id BETWEEN $1 AND $1 + 19";
    private const string DapperOneSql = "SELECT id, name, value FROM bench_items WHERE id = @id";

    // Created once, as an application keeps its statements: the second use of the same object skips compilation.
    private readonly TextClause _one = Expressions.Text("SELECT id, name, value FROM bench_items WHERE id = :id");
    private readonly TextClause _twenty = Expressions.Text("SELECT id, name, value FROM bench_items WHERE id BETWEEN :id AND :id + 19");

    private NpgsqlDataSource _dataSource = null!;
    private NpgsqlConnection _raw = null!;
    private AsyncEngine _engine = null!;
    private AsyncConnection _connection = null!;
    private int _key;

    [GlobalSetup]
    public async Task Setup()
    {
        await BenchDatabase.EnsureTableAsync();
        _dataSource = BenchDatabase.CreateDataSource();
        _raw = await _dataSource.OpenConnectionAsync();
        _engine = Engines.CreateAsyncEngine(BenchDatabase.Url);
        _connection = await _engine.ConnectAsync();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _connection.DisposeAsync();
        await _engine.DisposeAsync();
        await _raw.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    [Benchmark(Baseline = true), BenchmarkCategory(OneRow)]
    public async Task<int> RawNpgsql_one_row_by_key()
    {
        await using var command = new NpgsqlCommand(RawOneSql, _raw);
        command.Parameters.Add(new NpgsqlParameter { Value = NextKey(BenchDatabase.RowCount) });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetInt32(0) + reader.GetString(1).Length + reader.GetInt32(2);
    }

    [Benchmark, BenchmarkCategory(OneRow)]
    public async Task<int> Framework_one_row_by_key()
    {
        var result = await _connection.ExecuteAsync(_one, new { id = NextKey(BenchDatabase.RowCount) });
        var row = result.One();
        return row.Get<int>(0) + row.Get<string>(1).Length + row.Get<int>(2);
    }

    [Benchmark, BenchmarkCategory(OneRow)]
    public async Task<int> Dapper_one_row_by_key()
    {
        var item = await _raw.QuerySingleAsync<Item>(DapperOneSql, new { id = NextKey(BenchDatabase.RowCount) });
        return item.Id + item.Name.Length + item.Value;
    }

    [Benchmark(Baseline = true), BenchmarkCategory(TwentyRows)]
    public async Task<int> RawNpgsql_twenty_rows()
    {
        await using var command = new NpgsqlCommand(RawTwentySql, _raw);
        command.Parameters.Add(new NpgsqlParameter { Value = NextKey(BenchDatabase.RowCount - 19) });
        await using var reader = await command.ExecuteReaderAsync();
        var sum = 0;
        while (await reader.ReadAsync())
            sum += reader.GetInt32(0) + reader.GetString(1).Length + reader.GetInt32(2);
        return sum;
    }

    [Benchmark, BenchmarkCategory(TwentyRows)]
    public async Task<int> Framework_twenty_rows()
    {
        var result = await _connection.ExecuteAsync(_twenty, new { id = NextKey(BenchDatabase.RowCount - 19) });
        var sum = 0;
        foreach (var row in result)
            sum += row.Get<int>(0) + row.Get<string>(1).Length + row.Get<int>(2);
        return sum;
    }

    // 1, 2, ..., last, 1, 2, ...: a different key every call.
    private int NextKey(int last) => _key = _key % last + 1;
}
