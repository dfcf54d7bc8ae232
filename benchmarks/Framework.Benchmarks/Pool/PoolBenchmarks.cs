using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Npgsql;

namespace Framework.Benchmarks.Pool;

/// <summary>
/// A checkout and a checkin with an idle connection in the pool, no statement: Npgsql's own pool (an
/// <see cref="NpgsqlDataSource"/> with default settings) against the engine's QueuePool, asynchronously and
/// synchronously. Framework's design says this fast path allocates nothing in the pool itself; what is allocated
/// per cycle is the connection handle (Connection, and its AsyncConnection face).
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PoolBenchmarks
{
    private const string Async = "Async";
    private const string Sync = "Sync";

    private NpgsqlDataSource _dataSource = null!;
    private AsyncEngine _engine = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        _dataSource = BenchDatabase.CreateDataSource();
        _engine = Engines.CreateAsyncEngine(BenchDatabase.Url);
        // One idle connection in each pool before measuring.
        await (await _dataSource.OpenConnectionAsync()).DisposeAsync();
        await (await _engine.ConnectAsync()).DisposeAsync();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _engine.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    [Benchmark(Baseline = true), BenchmarkCategory(Async)]
    public async Task RawNpgsql_checkout_checkin_async()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
    }

    [Benchmark, BenchmarkCategory(Async)]
    public async Task Framework_checkout_checkin_async()
    {
        await using var connection = await _engine.ConnectAsync();
    }

    [Benchmark(Baseline = true), BenchmarkCategory(Sync)]
    public void RawNpgsql_checkout_checkin_sync()
    {
        using var connection = _dataSource.OpenConnection();
    }

    [Benchmark, BenchmarkCategory(Sync)]
    public void Framework_checkout_checkin_sync()
    {
        using var connection = _engine.SyncEngine.Connect();
    }
}
