using Framework.Tests.Diagnostics;
using Framework.Tests.Infrastructure;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Engine;

/// <summary>Failures in the middle of things: each must leave a clear error and a pool that still works.</summary>
public abstract class FailureRecoveryTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : EngineTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    private Framework.Sql.TextClause FailsAfterManyRows => Text(Db.IsPostgres
        ? "SELECT CASE WHEN g = 20000 THEN 1 / (g - g) ELSE g END FROM generate_series(1, 300000) AS g"
        : "WITH RECURSIVE c(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM c WHERE g < 300000) " +
          "SELECT CASE WHEN g = 20000 THEN abs(-9223372036854775807 - (g - 19999)) ELSE g END FROM c");

    [Theory, InlineData(false), InlineData(true)]
    public async Task An_error_in_the_middle_of_the_rows_is_translated_and_leaves_the_connection_usable(bool async)
    {
        var engine = CreateEngine(new() { PoolSize = 1, MaxOverflow = 0, PoolTimeout = TimeSpan.FromSeconds(5) });
        await using var conn = await Connect(engine, async);

        var error = await Assert.ThrowsAnyAsync<DatabaseException>(() => Execute(conn, async, FailsAfterManyRows));

        Assert.False(error.ConnectionInvalidated);
        await Rollback(conn, async);
        Assert.Equal(1, (await Execute(conn, async, Text("SELECT 1"))).Scalar<int>());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_failing_engine_begin_block_returns_its_connection(bool async)
    {
        var engine = CreateEngine(new() { PoolSize = 1, MaxOverflow = 0, PoolTimeout = TimeSpan.FromSeconds(5) });

        if (async)
            await Assert.ThrowsAnyAsync<DatabaseException>(() => engine.BeginAsync(c => c.ExecuteAsync(FailsAfterManyRows).AsTask()));
        else
            Assert.ThrowsAny<DatabaseException>(() => engine.SyncEngine.Begin(c => c.Execute(FailsAfterManyRows)));

        Assert.Equal(0, engine.Pool.Status.CheckedOut);
        await using var next = await Connect(engine, async);
        Assert.Equal(2, (await Execute(next, async, Text("SELECT 2"))).Scalar<int>());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_failed_commit_ends_the_transaction_and_the_connection_goes_on(bool async)
    {
        var engine = CreateEngine();
        var invalidations = 0;
        engine.SyncEngine.Events.Invalidate += _ => invalidations++;
        var parent = TableName("p");
        var child = TableName("c");
        await engine.BeginAsync(async c =>
        {
            await c.ExecuteAsync(Text($"CREATE TABLE {parent} (id INTEGER PRIMARY KEY)"));
            await c.ExecuteAsync(Text(
                $"CREATE TABLE {child} (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES {parent}(id) DEFERRABLE INITIALLY DEFERRED)"));
        });
        var conn = await Connect(engine, async);
        await Execute(conn, async, Text($"INSERT INTO {child} (id, parent_id) VALUES (1, 42)"));

        await Assert.ThrowsAsync<IntegrityException>(() => Commit(conn, async));

        Assert.False(conn.InTransaction);
        Assert.Equal(0, (await Execute(conn, async, Text($"SELECT count(*) FROM {child}"))).Scalar<int>());
        await Execute(conn, async, Text($"INSERT INTO {parent} (id) VALUES (7)"));
        await Commit(conn, async);
        await Close(conn, async);
        Assert.Equal(0, invalidations);
        Assert.Equal(1, await Count(engine, parent));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_throwing_rollback_handler_still_returns_the_connection(bool async)
    {
        var engine = CreateEngine(new() { PoolSize = 1, MaxOverflow = 0, PoolTimeout = TimeSpan.FromSeconds(5) });
        engine.SyncEngine.Events.Rollback += _ => throw new InvalidTimeZoneException("rollback handler");
        var conn = await Connect(engine, async);
        await Execute(conn, async, Text("SELECT 1"));

        await Assert.ThrowsAsync<InvalidTimeZoneException>(() => Close(conn, async));

        Assert.True(conn.IsClosed);
        Assert.Equal(new PoolStatus(1, 1, 0, 0, 0), engine.Pool.Status);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Throwing_cleanup_handlers_are_logged_and_the_pool_finishes_its_work(bool async)
    {
        var logs = new CapturingLoggerFactory();
        var engine = CreateEngine(new() { PoolSize = 1, MaxOverflow = 0, PoolTimeout = TimeSpan.FromSeconds(5), LoggerFactory = logs });
        var events = engine.SyncEngine.Events;
        events.Checkin += _ => throw new InvalidTimeZoneException("checkin");
        events.Reset += _ => throw new InvalidTimeZoneException("reset");
        events.Invalidate += _ => throw new InvalidTimeZoneException("invalidate");
        events.Close += _ => throw new InvalidTimeZoneException("close");

        var conn = await Connect(engine, async);
        await Execute(conn, async, Text("SELECT 1"));
        await Close(conn, async);
        Assert.Equal(new PoolStatus(1, 1, 0, 0, 0), engine.Pool.Status);
        conn = await Connect(engine, async);
        conn.SyncConnection.Invalidate();
        await Close(conn, async);

        Assert.Equal(new PoolStatus(1, 0, 0, 0, 0), engine.Pool.Status);
        Assert.Equal(["Checkin", "Reset", "Invalidate", "Close"],
            logs.Entries.Where(e => e.EventId == 1105).Select(e => e.Message.Split(' ')[3]));
        await using var next = await Connect(engine, async);
        Assert.Equal(1, (await Execute(next, async, Text("SELECT 1"))).Scalar<int>());
    }

    [Fact]
    public async Task A_cancelled_checkout_with_pre_ping_closes_the_idle_connection_it_took()
    {
        var engine = CreateEngine(new() { PoolPrePing = true });
        var closes = 0;
        engine.SyncEngine.Events.Close += _ => closes++;
        await (await engine.ConnectAsync()).DisposeAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        // The pool itself: the engine refuses a cancelled token before it asks the pool for anything.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await engine.Pool.Checkout(async: true, cancelled.Token));

        Assert.Equal(new PoolStatus(5, 0, 0, 0, 0), engine.Pool.Status);
        Assert.Equal(1, closes);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_slot_freed_by_an_invalidation_goes_to_a_waiter_and_is_counted_once(bool async)
    {
        var engine = CreateEngine(new() { PoolSize = 1, MaxOverflow = 0, PoolTimeout = TimeSpan.FromSeconds(30) });
        var holder = await Connect(engine, async);
        var waiting = Task.Run(() => Connect(engine, async));
        while (engine.Pool.Status.Waiting == 0)
            await Task.Delay(10);

        holder.SyncConnection.Invalidate();
        await using var next = await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(new PoolStatus(1, 0, 1, 0, 0), engine.Pool.Status);
        await Close(holder, async);
        await Close(next, async);
        Assert.Equal(new PoolStatus(1, 1, 0, 0, 0), engine.Pool.Status);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Timed_out_waiters_leave_the_queue(bool async)
    {
        var engine = CreateEngine(new() { PoolSize = 1, MaxOverflow = 0, PoolTimeout = TimeSpan.FromMilliseconds(100) });
        await using var holder = await Connect(engine, async);

        for (var i = 0; i < 3; i++)
            await Assert.ThrowsAsync<PoolTimeoutException>(() => Connect(engine, async));

        Assert.Equal(0, engine.Pool.Status.Waiting);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Leaving_a_transaction_scope_after_the_connection_was_lost_acknowledges_it(bool async)
    {
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);

        await using (await Begin(conn, async))
        {
            await Execute(conn, async, Text("SELECT 1"));
            conn.SyncConnection.Invalidate();
        }
        Assert.Equal(2, (await Execute(conn, async, Text("SELECT 2"))).Scalar<int>());
        await Commit(conn, async);

        await Assert.ThrowsAsync<InvalidTimeZoneException>(() => conn.BeginAsync(async () =>
        {
            await conn.ExecuteAsync(Text("SELECT 3"));
            await conn.InvalidateAsync();
            throw new InvalidTimeZoneException();
        }));
        Assert.Equal(4, (await Execute(conn, async, Text("SELECT 4"))).Scalar<int>());
    }

    [Fact]
    public async Task A_sync_checkout_waiting_when_the_engine_is_disposed_gets_ObjectDisposedException()
    {
        var engine = CreateEngine(new() { PoolSize = 1, MaxOverflow = 0, PoolTimeout = TimeSpan.FromSeconds(30) });
        await using var holder = await engine.ConnectAsync();
        var waiting = Task.Run(() => engine.SyncEngine.Connect());
        while (engine.Pool.Status.Waiting == 0)
            await Task.Delay(10);

        await engine.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_throwing_after_execute_handler_does_not_leave_a_stream_open(bool async)
    {
        var engine = CreateEngine();
        var fail = true;
        engine.SyncEngine.Events.AfterExecute += _ =>
        {
            if (fail)
                throw new InvalidTimeZoneException();
        };
        await using var conn = await Connect(engine, async);

        await Assert.ThrowsAsync<InvalidTimeZoneException>(async () =>
        {
            if (async)
                await conn.StreamAsync(Text("SELECT 1"));
            else
                conn.SyncConnection.Stream(Text("SELECT 1"));
        });
        fail = false;

        Assert.Equal(5, (await Execute(conn, async, Text("SELECT 5"))).Scalar<int>());
    }
}

public sealed class SqliteFailureRecoveryTests(DatabaseFixture<SqliteDatabase> fixture) : FailureRecoveryTests<SqliteDatabase>(fixture)
{
    [Fact]
    public async Task A_write_cancelled_inside_a_transaction_asks_for_a_rollback_because_SQLite_undid_the_transaction()
    {
        var engine = CreateEngine();
        var table = await CreateNamesTable(engine);
        await using var conn = await engine.ConnectAsync();
        await conn.ExecuteAsync(Text($"INSERT INTO {table} (name) VALUES ('before')"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await conn.ExecuteAsync(Text(
            $"INSERT INTO {table} (name) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50000000) SELECT 'n' || x FROM c"),
            cancellationToken: cancel.Token));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await conn.ExecuteAsync(Text("SELECT 1")));
        Assert.Contains("RollbackAsync", error.Message);
        await conn.RollbackAsync();
        Assert.Equal(0, await conn.ScalarAsync<int>(Text($"SELECT count(*) FROM {table}")));
    }
}

public sealed class PostgresFailureRecoveryTests(DatabaseFixture<PostgresDatabase> fixture) : FailureRecoveryTests<PostgresDatabase>(fixture)
{
    [Theory, InlineData(false), InlineData(true)]
    public async Task Closing_a_stream_whose_backend_died_discards_the_connection_without_an_error(bool async)
    {
        var engine = CreateEngine(new() { PoolSize = 1, MaxOverflow = 0, PoolTimeout = TimeSpan.FromSeconds(5) });
        var conn = await Connect(engine, async);
        var pid = (await Execute(conn, async, Text("SELECT pg_backend_pid()"))).Scalar<int>();
        var sql = Text("SELECT g, repeat('x', 1000) FROM generate_series(1, 100000) AS g");
        Result? syncStream = null;
        AsyncResult? asyncStream = null;
        if (async)
        {
            asyncStream = await conn.StreamAsync(sql);
            await asyncStream.FetchOneAsync();
        }
        else
        {
            syncStream = conn.SyncConnection.Stream(sql);
            syncStream.FetchOne();
        }
        await using (var killer = await CreateEngine().ConnectAsync())
            await killer.ExecuteAsync(Text("SELECT pg_terminate_backend(:pid)"), new { pid });
        await Task.Delay(200);

        await Close(conn, async);

        Assert.Equal(0, engine.Pool.Status.CheckedOut);
        await using var next = await Connect(engine, async);
        Assert.Equal(1, (await Execute(next, async, Text("SELECT 1"))).Scalar<int>());
        GC.KeepAlive(syncStream);
        GC.KeepAlive(asyncStream);
    }
}
