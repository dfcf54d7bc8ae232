using Framework.Tests.Infrastructure;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Engine;

public abstract class EventTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : EngineTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    [Theory, InlineData(false), InlineData(true)]
    public async Task Engine_events_fire_in_order_around_each_statement_and_transaction(bool async)
    {
        var engine = CreateEngine();
        var seen = new List<string>();
        var events = engine.SyncEngine.Events;
        events.BeforeExecute += e => seen.Add($"before_execute {((Framework.Sql.TextClause)e.Statement).Text}");
        events.BeforeCursorExecute += e => seen.Add($"before_cursor_execute {e.Sql} {e.Parameters.Count}");
        events.AfterCursorExecute += e => seen.Add("after_cursor_execute");
        events.AfterExecute += e => seen.Add($"after_execute {e.Result!.Scalar()}");
        events.Begin += _ => seen.Add("begin");
        events.Commit += _ => seen.Add("commit");
        events.Rollback += _ => seen.Add("rollback");

        await using (var conn = await Connect(engine, async))
        {
            await Execute(conn, async, Text("SELECT :x"), new { x = 5 });
            await Commit(conn, async);
            await Execute(conn, async, Text("SELECT 6"));
        }

        var select = engine.Dialect.Name == "postgresql" ? "SELECT $1" : "SELECT @p0";
        Assert.Equal([
            "before_execute SELECT :x", "begin", $"before_cursor_execute {select} 1", "after_cursor_execute", "after_execute 5", "commit",
            "before_execute SELECT 6", "begin", "before_cursor_execute SELECT 6 0", "after_cursor_execute", "after_execute 6", "rollback",
        ], seen);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task AllEvents_reach_handlers_for_every_engine(bool async)
    {
        var first = CreateEngine();
        var second = CreateEngine();
        var engines = new List<string>();
        void Handler(ExecuteEventArgs e) => engines.Add(e.Connection.Engine.Name);
        Framework.Engine.AllEvents.BeforeExecute += Handler;
        try
        {
            foreach (var engine in new[] { first, second })
            {
                await using var conn = await Connect(engine, async);
                await Execute(conn, async, Text("SELECT 1"));
            }
        }
        finally
        {
            Framework.Engine.AllEvents.BeforeExecute -= Handler;
        }

        Assert.Contains(first.SyncEngine.Name, engines);
        Assert.Equal(2, engines.Count(name => name == first.SyncEngine.Name));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task The_connect_event_can_use_the_new_driver_connection(bool async)
    {
        var engine = CreateEngine();
        var greetings = new List<object?>();
        engine.SyncEngine.Events.Connect += e =>
        {
            using var cursor = e.DbConnection.CreateCommand();
            cursor.CommandText = "select 'execute from event'";
            greetings.Add(cursor.ExecuteScalar());
        };

        await using var conn = await Connect(engine, async);
        await Execute(conn, async, Text("SELECT 1"));

        Assert.Equal(["execute from event"], greetings);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Savepoints_and_explicit_transactions_raise_begin_commit_and_rollback(bool async)
    {
        var engine = CreateEngine();
        var seen = new List<string>();
        engine.SyncEngine.Events.Begin += _ => seen.Add("begin");
        engine.SyncEngine.Events.Commit += _ => seen.Add("commit");
        engine.SyncEngine.Events.Rollback += _ => seen.Add("rollback");
        await using var conn = await Connect(engine, async);

        var tx = await Begin(conn, async);
        var savepoint = await BeginNested(conn, async);
        await End(savepoint, async, commit: false);
        await End(tx, async, commit: true);
        tx = await Begin(conn, async);
        await End(tx, async, commit: false);

        Assert.Equal(["begin", "commit", "begin", "rollback"], seen);
    }
}

public sealed class SqliteEventTests(DatabaseFixture<SqliteDatabase> fixture) : EventTests<SqliteDatabase>(fixture);

public sealed class PostgresEventTests(DatabaseFixture<PostgresDatabase> fixture) : EventTests<PostgresDatabase>(fixture);
