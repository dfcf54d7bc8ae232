using System.Data.Common;
using System.Diagnostics;
using Framework.Tests.Infrastructure;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Pool;

public abstract class PoolTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : EngineTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    [Theory, InlineData(false), InlineData(true)]
    public async Task A_returned_connection_is_reused_by_the_next_checkout(bool async)
    {
        var engine = CreateEngine();
        var connects = 0;
        engine.SyncEngine.Events.Connect += _ => connects++;

        DbConnection first, second;
        await using (var conn = await Connect(engine, async))
            first = await Raw(conn, async);
        await using (var conn = await Connect(engine, async))
            second = await Raw(conn, async);

        Assert.Same(first, second);
        Assert.Equal(1, connects);
        Assert.Equal(new PoolStatus(5, 1, 0, 0, 0), engine.Pool.Status);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Exhaustion_raises_PoolTimeoutException_after_the_pool_timeout(bool async)
    {
        var engine = CreateEngine(new() { PoolSize = 2, MaxOverflow = 1, PoolTimeout = TimeSpan.FromMilliseconds(500) });
        var held = new List<AsyncConnection>();
        for (var i = 0; i < 3; i++)
            held.Add(await Connect(engine, async));
        Assert.Equal(new PoolStatus(2, 0, 3, 1, 0), engine.Pool.Status);

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<PoolTimeoutException>(() => Connect(engine, async));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(450), TimeSpan.FromSeconds(10));
        Assert.Contains("size 2 overflow 1", error.Message);
        Assert.Contains("timeout 0.5 s", error.Message);
        Assert.True(error.IsTransient);
        Assert.Equal("FWK1001", error.Code);
        foreach (var conn in held)
            await Close(conn, async);
        Assert.Equal(0, engine.Pool.Status.CheckedOut);
        await using var again = await Connect(engine, async);
        Assert.Equal(1, (await Execute(again, async, Text("SELECT 1"))).Scalar<int>());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_waiting_checkout_gets_the_connection_returned_to_the_pool(bool async)
    {
        var engine = CreateEngine(new() { PoolSize = 1, MaxOverflow = 0, PoolTimeout = TimeSpan.FromSeconds(30) });
        var holder = await Connect(engine, async);
        var raw = await Raw(holder, async);

        var waiting = Task.Run(() => Connect(engine, async));
        while (engine.Pool.Status.Waiting == 0)
            await Task.Delay(10);
        await Close(holder, async);
        await using var handed = await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Same(raw, await Raw(handed, async));
        Assert.Equal(new PoolStatus(1, 0, 1, 0, 0), engine.Pool.Status);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Overflow_connections_are_closed_when_returned(bool async)
    {
        var engine = CreateEngine(new() { PoolSize = 1, MaxOverflow = 2 });
        var closes = 0;
        engine.SyncEngine.Events.Close += _ => closes++;

        var held = new[] { await Connect(engine, async), await Connect(engine, async), await Connect(engine, async) };
        Assert.Equal(2, engine.Pool.Status.Overflow);
        foreach (var conn in held)
            await Close(conn, async);

        Assert.Equal(2, closes);
        Assert.Equal(new PoolStatus(1, 1, 0, 0, 0), engine.Pool.Status);
    }

    [Theory, InlineData(false, false), InlineData(true, false), InlineData(false, true), InlineData(true, true)]
    public async Task Idle_connections_are_handed_out_first_in_first_out_or_last_in_first_out(bool async, bool lifo)
    {
        var engine = CreateEngine(new() { PoolSize = 3, PoolUseLifo = lifo });
        var a = await Connect(engine, async);
        var b = await Connect(engine, async);
        var rawA = await Raw(a, async);
        var rawB = await Raw(b, async);
        await Close(a, async);
        await Close(b, async);

        await using var next = await Connect(engine, async);

        Assert.Same(lifo ? rawB : rawA, await Raw(next, async));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Returning_a_connection_resets_it_by_rolling_back(bool async)
    {
        var engine = CreateEngine(new() { PoolSize = 1 });
        var table = await CreateNamesTable(engine);
        var resets = 0;
        engine.SyncEngine.Events.Reset += _ => resets++;

        var conn = await Connect(engine, async);
        await Execute(conn, async, Text($"INSERT INTO {table} (name) VALUES ('uncommitted')"));
        var raw = await Raw(conn, async);
        await Close(conn, async);

        Assert.Equal(1, resets);
        await using var next = await Connect(engine, async);
        Assert.Same(raw, await Raw(next, async));
        Assert.Equal(0, (await Execute(next, async, Text($"SELECT count(*) FROM {table}"))).Scalar<int>());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Pool_recycle_replaces_connections_older_than_the_limit(bool async)
    {
        var engine = CreateEngine(new() { PoolRecycle = TimeSpan.FromMilliseconds(200) });
        DbConnection first;
        await using (var conn = await Connect(engine, async))
            first = await Raw(conn, async);
        await Task.Delay(300);

        await using var next = await Connect(engine, async);

        Assert.NotSame(first, await Raw(next, async));
        Assert.Equal(System.Data.ConnectionState.Closed, first.State);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Pre_ping_replaces_a_dead_idle_connection_without_an_error(bool async)
    {
        var engine = CreateEngine(new() { PoolPrePing = true });
        var invalidations = 0;
        engine.SyncEngine.Events.Invalidate += _ => invalidations++;
        DbConnection dead;
        await using (var conn = await Connect(engine, async))
            dead = await Raw(conn, async);
        await Kill(dead);

        await using var next = await Connect(engine, async);

        Assert.Equal(1, (await Execute(next, async, Text("SELECT 1"))).Scalar<int>());
        Assert.NotSame(dead, await Raw(next, async));
        Assert.Equal(1, invalidations);
    }

    [Fact]
    public async Task Two_hundred_concurrent_flows_share_five_connections_and_return_them_all()
    {
        var engine = CreateEngine(new() { PoolSize = 5, MaxOverflow = 0, PoolTimeout = TimeSpan.FromSeconds(60) });
        var connects = 0;
        engine.SyncEngine.Events.Connect += _ => Interlocked.Increment(ref connects);

        var flows = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            await using var conn = await engine.ConnectAsync();
            var value = await conn.ScalarAsync<int>(Text("SELECT :i"), new { i });
            await conn.CommitAsync();
            return value;
        }));
        var values = await Task.WhenAll(flows);

        Assert.Equal(Enumerable.Range(0, 200), values.Order());
        Assert.InRange(connects, 1, 5);
        Assert.Equal(0, engine.Pool.Status.CheckedOut);
        Assert.Equal(0, engine.Pool.Status.Waiting);
    }

    [Fact]
    public async Task Two_hundred_concurrent_sync_flows_share_five_connections_and_return_them_all()
    {
        var engine = CreateEngine(new() { PoolSize = 5, MaxOverflow = 0, PoolTimeout = TimeSpan.FromSeconds(60) });

        var flows = Enumerable.Range(0, 200).Select(i => Task.Run(() =>
        {
            using var conn = engine.SyncEngine.Connect();
            return conn.Scalar<int>(Text("SELECT :i"), new { i });
        }));
        var values = await Task.WhenAll(flows);

        Assert.Equal(Enumerable.Range(0, 200), values.Order());
        Assert.Equal(0, engine.Pool.Status.CheckedOut);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task NullPool_opens_a_connection_per_checkout_and_closes_it_on_return(bool async)
    {
        var engine = CreateEngine(new() { PoolClass = PoolClass.Null });
        var (connects, closes) = (0, 0);
        engine.SyncEngine.Events.Connect += _ => connects++;
        engine.SyncEngine.Events.Close += _ => closes++;

        for (var i = 0; i < 3; i++)
        {
            await using var conn = await Connect(engine, async);
            await Execute(conn, async, Text("SELECT 1"));
        }

        Assert.IsType<NullPool>(engine.Pool);
        Assert.Equal((3, 3), (connects, closes));
        Assert.Equal(0, engine.Pool.Status.CheckedOut);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task StaticPool_lends_its_one_connection_to_one_holder_at_a_time(bool async)
    {
        var engine = CreateEngine(new() { PoolClass = PoolClass.Static, PoolTimeout = TimeSpan.FromMilliseconds(200) });
        DbConnection first;
        await using (var conn = await Connect(engine, async))
        {
            first = await Raw(conn, async);
            await Assert.ThrowsAsync<PoolTimeoutException>(() => Connect(engine, async));
        }
        await using var again = await Connect(engine, async);

        Assert.IsType<StaticPool>(engine.Pool);
        Assert.Same(first, await Raw(again, async));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Pool_events_follow_a_connection_through_its_life(bool async)
    {
        var engine = CreateEngine(new() { PoolSize = 1 });
        var seen = new List<string>();
        var events = engine.SyncEngine.Events;
        events.Connect += _ => seen.Add("connect");
        events.Checkout += _ => seen.Add("checkout");
        events.Checkin += _ => seen.Add("checkin");
        events.Reset += _ => seen.Add("reset");
        events.Invalidate += _ => seen.Add("invalidate");
        events.Close += _ => seen.Add("close");
        var global = new List<string>();
        void Global(PoolEventArgs e) => global.Add("checkout");
        Framework.Engine.AllEvents.Checkout += Global;
        try
        {
            await using (var conn = await Connect(engine, async))
                await Execute(conn, async, Text("SELECT 1"));
            var second = await Connect(engine, async);
            second.SyncConnection.Invalidate();
            await Close(second, async);
            await engine.DisposeAsync();
        }
        finally
        {
            Framework.Engine.AllEvents.Checkout -= Global;
        }

        Assert.Equal(["connect", "checkout", "checkin", "reset", "checkout", "invalidate", "close"], seen);
        Assert.True(global.Count >= 2);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_throwing_checkout_handler_fails_the_checkout_and_frees_its_slot(bool async)
    {
        var engine = CreateEngine(new() { PoolSize = 1, MaxOverflow = 0, PoolTimeout = TimeSpan.FromSeconds(5) });
        var fail = true;
        engine.SyncEngine.Events.Checkout += _ =>
        {
            if (fail)
                throw new InvalidTimeZoneException("checkout handler failed");
        };

        await Assert.ThrowsAsync<InvalidTimeZoneException>(() => Connect(engine, async));
        Assert.Equal(0, engine.Pool.Status.Open);

        fail = false;
        await using var next = await Connect(engine, async);
        Assert.Equal(1, (await Execute(next, async, Text("SELECT 1"))).Scalar<int>());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Disposing_the_engine_closes_idle_connections_and_later_returned_ones(bool async)
    {
        var engine = CreateEngine(new() { PoolSize = 3 });
        var closes = 0;
        engine.SyncEngine.Events.Close += _ => closes++;
        var idle = await Connect(engine, async);
        var held = await Connect(engine, async);
        await Close(idle, async);

        await engine.DisposeAsync();
        Assert.Equal(1, closes);
        await Close(held, async);
        Assert.Equal(2, closes);

        var error = await Assert.ThrowsAsync<ObjectDisposedException>(() => Connect(engine, async));
        Assert.Contains("has been disposed", error.Message);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_failed_connect_is_a_clear_error_and_leaves_the_pool_usable(bool async)
    {
        var url = Db.IsPostgres
            ? "postgresql://nobody@127.0.0.1:1/none?timeout=2"
            : "sqlite:////nonexistent-folder-for-framework-tests/x.db";
        var engine = CreateEngine(new() { PoolSize = 1, MaxOverflow = 0, PoolTimeout = TimeSpan.FromSeconds(1) }, url);

        for (var i = 0; i < 2; i++)
        {
            var error = await Assert.ThrowsAnyAsync<DatabaseException>(() => Connect(engine, async));
            Assert.StartsWith("Could not connect", error.Message);
        }
        Assert.Equal(0, engine.Pool.Status.CheckedOut);
    }

    /// <summary>Makes a pooled connection dead the way a server restart would.</summary>
    protected async Task Kill(DbConnection victim)
    {
        if (victim is Npgsql.NpgsqlConnection npgsql)
        {
            // From another engine: a checkout from this one could be the victim itself.
            await using var killer = await CreateEngine().ConnectAsync();
            Assert.True(await killer.ScalarAsync<bool>(Text("SELECT pg_terminate_backend(:pid)"), new { pid = npgsql.ProcessID }));
            await killer.CommitAsync();
            await Task.Delay(100);
        }
        else
        {
            // SQLite has no server to lose; a connection closed under the pool is what a dead one looks like.
            victim.Close();
        }
    }

    private static async Task<DbConnection> Raw(AsyncConnection connection, bool async) =>
        async ? await connection.GetRawConnectionAsync() : connection.SyncConnection.GetRawConnection();
}

public sealed class SqlitePoolTests(DatabaseFixture<SqliteDatabase> fixture) : PoolTests<SqliteDatabase>(fixture)
{
    [Theory, InlineData(false), InlineData(true)]
    public async Task StaticPool_is_the_default_for_memory_databases_and_keeps_their_data(bool async)
    {
        var engine = CreateEngine(url: "sqlite:///:memory:");
        await using (var conn = await Connect(engine, async))
        {
            await Execute(conn, async, Text("CREATE TABLE m (x INTEGER)"));
            await Execute(conn, async, Text("INSERT INTO m VALUES (42)"));
            await Commit(conn, async);
        }
        await using var again = await Connect(engine, async);

        Assert.IsType<StaticPool>(engine.Pool);
        Assert.Equal(42, (await Execute(again, async, Text("SELECT x FROM m"))).Scalar<int>());
    }
}

public sealed class PostgresPoolTests(DatabaseFixture<PostgresDatabase> fixture) : PoolTests<PostgresDatabase>(fixture);
