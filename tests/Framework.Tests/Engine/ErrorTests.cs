using Framework.Tests.Infrastructure;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Engine;

public abstract class ErrorTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : EngineTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    [Theory, InlineData(false), InlineData(true)]
    public async Task A_unique_violation_is_an_IntegrityException_with_the_sql_and_hidden_parameters(bool async)
    {
        var engine = CreateEngine();
        var table = await CreateNamesTable(engine);
        await using var conn = await Connect(engine, async);
        var insert = Text($"INSERT INTO {table} (name) VALUES (:name)");
        await Execute(conn, async, insert, new { name = "secret-value" });

        var error = await Assert.ThrowsAsync<IntegrityException>(() => Execute(conn, async, insert, new { name = "secret-value" }));

        Assert.Equal("FWK2001", error.Code);
        Assert.IsAssignableFrom<System.Data.Common.DbException>(error.InnerException);
        Assert.Equal(insert.Compile(engine.Dialect).Sql, error.Sql);
        Assert.Null(error.Parameters);
        Assert.DoesNotContain("secret-value", error.Message);
        Assert.Contains("IncludeParametersInErrors", error.Message);
        Assert.Contains(insert.Compile(engine.Dialect).Sql, error.Message);
        Assert.False(error.IsTransient);
        Assert.False(error.ConnectionInvalidated);
        Assert.Equal(Db.IsPostgres ? "23505" : "2067", error.DriverCode);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Parameters_appear_in_errors_when_enabled(bool async)
    {
        var engine = CreateEngine(new() { IncludeParametersInErrors = true });
        var table = await CreateNamesTable(engine);
        await using var conn = await Connect(engine, async);
        var insert = Text($"INSERT INTO {table} (name) VALUES (:name)");
        await Execute(conn, async, insert, new { name = "shown" });

        var error = await Assert.ThrowsAsync<IntegrityException>(() => Execute(conn, async, insert, new { name = "shown" }));

        Assert.Equal(["shown"], error.Parameters!);
        Assert.Contains("[parameters: (shown,)]", error.Message);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_foreign_key_violation_is_an_IntegrityException(bool async)
    {
        var engine = CreateEngine();
        var parent = TableName("p");
        var child = TableName("c");
        await engine.BeginAsync(async c =>
        {
            await c.ExecuteAsync(Text($"CREATE TABLE {parent} (id INTEGER PRIMARY KEY)"));
            await c.ExecuteAsync(Text($"CREATE TABLE {child} (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES {parent}(id))"));
        });
        await using var conn = await Connect(engine, async);

        var error = await Assert.ThrowsAsync<IntegrityException>(() =>
            Execute(conn, async, Text($"INSERT INTO {child} (id, parent_id) VALUES (1, :p)"), new { p = 99 }));

        Assert.Equal(Db.IsPostgres ? "23503" : "787", error.DriverCode);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_missing_table_is_a_ProgrammingException_that_says_what_to_check(bool async)
    {
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);

        var error = await Assert.ThrowsAsync<ProgrammingException>(() => Execute(conn, async, Text("SELECT * FROM no_such_table")));

        Assert.Equal("FWK2003", error.Code);
        Assert.Contains("no_such_table", error.Message);
        Assert.Contains("[SQL: SELECT * FROM no_such_table]", error.Message);
        Assert.Contains("MetaData.CreateAll", error.Message);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_syntax_error_is_a_ProgrammingException(bool async)
    {
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);

        await Assert.ThrowsAsync<ProgrammingException>(() => Execute(conn, async, Text("SELEC 1")));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task HandleError_sees_the_failure_and_may_declare_the_connection_lost(bool async)
    {
        var engine = CreateEngine();
        ErrorEventArgs? seen = null;
        engine.SyncEngine.Events.HandleError += e =>
        {
            seen = e;
            e.IsDisconnect = true;
        };
        await using var conn = await Connect(engine, async);

        var error = await Assert.ThrowsAsync<ProgrammingException>(() => Execute(conn, async, Text("SELECT * FROM nowhere")));

        Assert.NotNull(seen);
        Assert.Equal("SELECT * FROM nowhere", seen.Sql);
        Assert.True(error.ConnectionInvalidated);
        Assert.True(error.IsTransient);
        Assert.True(conn.IsInvalidated);
        await Rollback(conn, async);
        Assert.Equal(1, (await Execute(conn, async, Text("SELECT 1"))).Scalar<int>());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_cancelled_statement_leaves_a_usable_connection_and_pool(bool async)
    {
        var engine = CreateEngine(new() { PoolSize = 1, MaxOverflow = 0 });
        var conn = await Connect(engine, async);
        await Execute(conn, async, Text("SELECT 1"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        // The sync face takes no token; a statement cancelled through the async face is the same core either way.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await conn.ExecuteAsync(Db.Slow(30), cancellationToken: cancel.Token));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(20));
        Assert.False(conn.IsInvalidated);
        await Rollback(conn, async);
        Assert.Equal(5, (await Execute(conn, async, Text("SELECT 5"))).Scalar<int>());
        await Close(conn, async);
        Assert.Equal(0, engine.Pool.Status.CheckedOut);
        await using var next = await Connect(engine, async);
        Assert.Equal(6, (await Execute(next, async, Text("SELECT 6"))).Scalar<int>());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_cancelled_statement_in_a_connection_returned_uncommitted_leaves_the_pool_clean(bool async)
    {
        var engine = CreateEngine(new() { PoolSize = 1, MaxOverflow = 0 });
        var table = await CreateNamesTable(engine);
        var conn = await Connect(engine, async);
        await Execute(conn, async, Text($"INSERT INTO {table} (name) VALUES ('half')"));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await conn.ExecuteAsync(Db.Slow(30), cancellationToken: cancel.Token));

        await Close(conn, async);

        await using var next = await Connect(engine, async);
        Assert.Equal(0, (await Execute(next, async, Text($"SELECT count(*) FROM {table}"))).Scalar<int>());
    }

    [Fact]
    public async Task Cancelling_a_checkout_that_waits_for_the_pool_leaves_no_waiter_behind()
    {
        var engine = CreateEngine(new() { PoolSize = 1, MaxOverflow = 0, PoolTimeout = TimeSpan.FromSeconds(30) });
        await using var holder = await engine.ConnectAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await engine.ConnectAsync(cancel.Token));

        await holder.CloseAsync();
        Assert.Equal(new PoolStatus(1, 1, 0, 0, 0), engine.Pool.Status);
        await using var next = await engine.ConnectAsync();
        Assert.Equal(1, await next.ScalarAsync<int>(Text("SELECT 1")));
    }
}

public sealed class SqliteErrorTests(DatabaseFixture<SqliteDatabase> fixture) : ErrorTests<SqliteDatabase>(fixture);

public sealed class PostgresErrorTests(DatabaseFixture<PostgresDatabase> fixture) : ErrorTests<PostgresDatabase>(fixture)
{
    [Theory, InlineData(false), InlineData(true)]
    public async Task A_terminated_backend_is_a_transient_error_that_invalidates_the_connection(bool async)
    {
        var engine = CreateEngine(new() { PoolSize = 2 });
        var invalidated = 0;
        engine.SyncEngine.Events.Invalidate += _ => invalidated++;
        // An idle connection opened before the failure: the pool replaces it too, as a server restart would have killed it.
        await using (var idle = await engine.ConnectAsync())
        await using (var other = await engine.ConnectAsync())
            await other.ScalarAsync(Text("SELECT 1"));
        var conn = await Connect(engine, async);
        var pid = (await Execute(conn, async, Text("SELECT pg_backend_pid()"))).Scalar<int>();
        await using (var killer = await CreateEngine().ConnectAsync())
        {
            await killer.ExecuteAsync(Text("SELECT pg_terminate_backend(:pid)"), new { pid });
            await killer.CommitAsync();
        }
        await Task.Delay(100);

        var error = await Assert.ThrowsAnyAsync<DatabaseException>(() => Execute(conn, async, Text("SELECT 1")));

        Assert.True(error.IsTransient);
        Assert.True(error.ConnectionInvalidated);
        Assert.IsType<OperationalException>(error);
        Assert.Contains("discarded", error.Message);
        Assert.True(conn.IsInvalidated);
        Assert.Equal(1, invalidated);
        Assert.Equal(0, engine.Pool.Status.CheckedOut);

        // The transaction it was in is gone: the caller acknowledges with a rollback, then the connection reconnects.
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Execute(conn, async, Text("SELECT 1")));
        Assert.Contains("rolled back", refused.Message);
        await Rollback(conn, async);
        Assert.NotEqual(pid, (await Execute(conn, async, Text("SELECT pg_backend_pid()"))).Scalar<int>());
        await Close(conn, async);

        await using var next = await Connect(engine, async);
        Assert.Equal(1, (await Execute(next, async, Text("SELECT 1"))).Scalar<int>());
    }
}
