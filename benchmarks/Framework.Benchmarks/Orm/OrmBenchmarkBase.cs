using BenchmarkDotNet.Attributes;
using Framework.Orm;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Framework.Benchmarks.Orm;

/// <summary>
/// What the ORM benchmark classes share: their tables (<c>bench_orm_items</c>, or those <see cref="EnsureTablesAsync"/>
/// names), and one way in per side, each with its own pool.
/// Raw Npgsql and Dapper take connections from an <see cref="NpgsqlDataSource"/> with Npgsql's default pooling; EF Core
/// takes a context from a <see cref="PooledDbContextFactory{TContext}"/> (what AddDbContextPool gives an ASP.NET Core
/// request) over its own data source; Framework makes sessions with an <see cref="AsyncSessionMaker"/> over an engine
/// with its own QueuePool (Npgsql pooling off).
/// </summary>
/// <remarks>
/// Sessions keep their instances usable after a commit (<c>expireOnCommit: false</c>), as EF Core's tracked entities
/// are. [GlobalSetup] runs every side once and checks what it did (<see cref="CheckAsync"/>), so a benchmark that
/// measures the wrong thing fails before it is measured.
/// </remarks>
public abstract class OrmBenchmarkBase
{
    private int _key;

    protected NpgsqlDataSource DataSource { get; private set; } = null!;

    protected AsyncEngine Engine { get; private set; } = null!;

    protected AsyncSessionMaker Sessions { get; private set; } = null!;

    protected PooledDbContextFactory<OrmContext> Contexts { get; private set; } = null!;

    private NpgsqlDataSource _efDataSource = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        DataSource = BenchDatabase.CreateDataSource();
        await EnsureTablesAsync();
        _efDataSource = BenchDatabase.CreateDataSource();
        Contexts = new PooledDbContextFactory<OrmContext>(new DbContextOptionsBuilder<OrmContext>().UseNpgsql(_efDataSource).Options);
        Engine = Engines.CreateAsyncEngine(BenchDatabase.Url);
        Sessions = new AsyncSessionMaker(Engine, expireOnCommit: false);
        await CheckAsync();
        _key = 0;
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await Engine.DisposeAsync();
        // PooledDbContextFactory is not disposable; its pooled contexts go with the process.
        await _efDataSource.DisposeAsync();
        await DataSource.DisposeAsync();
    }

    /// <summary>Creates (and fills) the tables the class reads: <c>bench_orm_items</c> unless a class says otherwise.</summary>
    protected virtual Task EnsureTablesAsync() => OrmTable.EnsureAsync();

    /// <summary>
    /// Runs before every call in <see cref="OrmInterleaved"/>, untimed: what a class's [IterationCleanup] does between
    /// BenchmarkDotNet's calls (nothing unless a class says otherwise).
    /// </summary>
    public virtual void ResetBeforeCall()
    {
    }

    /// <summary>Runs each side once and throws if one did not do what the others did.</summary>
    protected abstract Task CheckAsync();

    /// <summary>1, 2, ..., <paramref name="last"/>, 1, 2, ...: a different key every call.</summary>
    protected int NextKey(int last) => _key = _key % last + 1;

    protected static void Require(bool condition, string side, string message)
    {
        if (!condition)
            throw new InvalidOperationException($"ORM benchmark sanity check failed for {side}: {message}.");
    }
}
