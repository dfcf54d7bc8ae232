using BenchmarkDotNet.Attributes;
using Framework.Sql;
using Npgsql;

namespace Framework.Benchmarks.Core;

/// <summary>
/// The whole cycle a request makes: take a connection from the pool, run one single-row SELECT, read it, give the
/// connection back.
/// </summary>
/// <remarks>
/// With default options a Framework connection begins a transaction on its first statement and returning it rolls
/// that back, as SQLAlchemy's <c>with engine.connect()</c> does: BEGIN travels with the SELECT, but the ROLLBACK is
/// an extra round trip. <see cref="EngineOptions.Autocommit"/> runs the statement without a transaction, so the
/// cycle is one round trip, as raw Npgsql's is.
/// <para>
/// Raw Npgsql's own pool resets a returned connection by sending DISCARD ALL in front of the next statement: no extra
/// round trip, but work for the server. Framework's pool (Npgsql pooling off) only rolls back, so it skips that work.
/// <see cref="RawNpgsql_no_reset_checkout_select_return"/> (<c>No Reset On Close=true</c>) shows the cycle without it.
/// </para>
/// </remarks>
public class UnitOfWorkBenchmarks
{
    private const string RawSql = "SELECT id, name, value FROM bench_items WHERE id = $1";

    private readonly TextClause _one = Expressions.Text("SELECT id, name, value FROM bench_items WHERE id = :id");

    private NpgsqlDataSource _dataSource = null!;
    private NpgsqlDataSource _noResetDataSource = null!;
    private AsyncEngine _engine = null!;
    private AsyncEngine _autocommitEngine = null!;
    private int _key;

    [GlobalSetup]
    public async Task Setup()
    {
        await BenchDatabase.EnsureTableAsync();
        _dataSource = BenchDatabase.CreateDataSource();
        _noResetDataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(BenchDatabase.ConnectionString) { NoResetOnClose = true }.ConnectionString);
        _engine = Engines.CreateAsyncEngine(BenchDatabase.Url);
        _autocommitEngine = Engines.CreateAsyncEngine(BenchDatabase.Url, new EngineOptions { Autocommit = true });
        // Open one pooled connection in each, so that the measured checkouts find an idle one.
        await (await _dataSource.OpenConnectionAsync()).DisposeAsync();
        await (await _noResetDataSource.OpenConnectionAsync()).DisposeAsync();
        await (await _engine.ConnectAsync()).DisposeAsync();
        await (await _autocommitEngine.ConnectAsync()).DisposeAsync();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _autocommitEngine.DisposeAsync();
        await _engine.DisposeAsync();
        await _noResetDataSource.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public Task<int> RawNpgsql_checkout_select_return() => RawCycle(_dataSource);

    [Benchmark]
    public Task<int> RawNpgsql_no_reset_checkout_select_return() => RawCycle(_noResetDataSource);

    [Benchmark]
    public Task<int> Framework_checkout_select_return() => FrameworkCycle(_engine);

    [Benchmark]
    public Task<int> Framework_autocommit_checkout_select_return() => FrameworkCycle(_autocommitEngine);

    private async Task<int> RawCycle(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(RawSql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = NextKey() });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetInt32(0) + reader.GetString(1).Length + reader.GetInt32(2);
    }

    private async Task<int> FrameworkCycle(AsyncEngine engine)
    {
        await using var connection = await engine.ConnectAsync();
        var row = (await connection.ExecuteAsync(_one, new { id = NextKey() })).One();
        return row.Get<int>(0) + row.Get<string>(1).Length + row.Get<int>(2);
    }

    private int NextKey() => _key = _key % BenchDatabase.RowCount + 1;
}
