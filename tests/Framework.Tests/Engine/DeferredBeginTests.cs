using System.Data;
using Framework.Sql;
using Framework.Tests.Infrastructure;
using Framework.Tests.Orm;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Engine;

/// <summary>
/// EngineOptions.DeferBegin on PostgreSQL: at READ COMMITTED a transaction's plain SELECTs run before its BEGIN is sent,
/// and a transaction that only read ends without a round trip. Whether BEGIN went out is read from the database itself:
/// a transaction that has begun holds the table lock of what it read or wrote, which another connection's
/// <c>LOCK TABLE … NOWAIT</c> then cannot take.
/// </summary>
public sealed class PostgresDeferredBeginTests(DatabaseFixture<PostgresDatabase> fixture) : OrmTestBase<PostgresDatabase>(fixture)
{
    private async Task<(AsyncEngine Engine, Table Table)> Names(EngineOptions? options = null, string? url = null)
    {
        var meta = new MetaData();
        var table = new Table(TableName("d"), meta, new Column<int>("id", primaryKey: true), new Column<string>("name"));
        var engine = CreateEngine(options, url);
        await using var conn = await engine.ConnectAsync();
        await meta.CreateAllAsync(conn);
        await conn.ExecuteAsync(table.Insert(), new { id = 1, name = "one" });
        await conn.CommitAsync();
        return (engine, table);
    }

    // Whether another connection can take the table's strongest lock at once, which any begun transaction that touched it prevents.
    private async Task<bool> Unlocked(string table)
    {
        var probe = CreateEngine(new EngineOptions { PoolClass = PoolClass.Null });
        await using var conn = await probe.ConnectAsync();
        try
        {
            await conn.ExecuteAsync(Text($"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE NOWAIT"));
            return true;
        }
        catch (OperationalException e) when (e.DriverCode == "55P03")
        {
            return false;
        }
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Plain_reads_run_before_BEGIN_and_the_first_write_sends_it(bool async)
    {
        var (engine, table) = await Names();
        await using var conn = await Connect(engine, async);

        var read = await Execute(conn, async, Select(table).Where(table.C["id"] == 1));
        Assert.Equal("one", read.One()["name"]);
        Assert.True(conn.InTransaction);
        Assert.True(await Unlocked(table.Name));

        await Execute(conn, async, table.Insert(), new { id = 2, name = "two" });
        Assert.False(await Unlocked(table.Name));
        Assert.Equal(2, await RowCount(conn, async, table));
        await Rollback(conn, async);

        Assert.True(await Unlocked(table.Name));
        Assert.Equal(1, await Count(engine, table.Name));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Echo_shows_BEGIN_when_it_goes_out_and_nothing_for_a_transaction_that_only_read(bool async)
    {
        var logs = new Diagnostics.CapturingLoggerFactory();
        var (engine, table) = await Names(new EngineOptions { Echo = true, LoggerFactory = logs });
        await using var conn = await Connect(engine, async);
        List<string> Sent()
        {
            var sent = logs.Entries.Where(e => e.EventId is 1000 or 1002 or 1003 or 1004)
                .Select(e => e.Message.Split(' ', 2)[0]).ToList();
            logs.Entries.Clear();
            return sent;
        }
        Sent();

        await Execute(conn, async, Select(table));
        await Execute(conn, async, Select(table).Where(table.C["id"] == 1));
        await Commit(conn, async);
        Assert.Equal(["SELECT", "SELECT"], Sent());

        await Execute(conn, async, Select(table));
        await Execute(conn, async, table.Insert(), new { id = 2, name = "two" });
        await Rollback(conn, async);
        Assert.Equal(["SELECT", "BEGIN", "INSERT", "ROLLBACK"], Sent());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_transaction_that_only_read_commits_and_rolls_back_with_its_events(bool async)
    {
        var (engine, table) = await Names();
        var events = new List<string>();
        engine.SyncEngine.Events.Begin += _ => events.Add("begin");
        engine.SyncEngine.Events.Commit += _ => events.Add("commit");
        engine.SyncEngine.Events.Rollback += _ => events.Add("rollback");
        await using var conn = await Connect(engine, async);

        Assert.Equal(1, await RowCount(conn, async, table));
        await Commit(conn, async);
        Assert.Equal(1, await RowCount(conn, async, table));
        await Rollback(conn, async);

        Assert.Equal(["begin", "commit", "begin", "rollback"], events);
        Assert.False(conn.InTransaction);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task With_DeferBegin_off_the_first_read_begins_the_transaction(bool async)
    {
        var (engine, table) = await Names(new EngineOptions { DeferBegin = false });
        await using var conn = await Connect(engine, async);

        await Execute(conn, async, Select(table));

        Assert.False(await Unlocked(table.Name));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_locking_read_begins_the_transaction_first(bool async)
    {
        var (engine, table) = await Names();
        await using var conn = await Connect(engine, async);

        await Execute(conn, async, Select(table).Where(table.C["id"] == 1).ForUpdate());

        Assert.False(await Unlocked(table.Name));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_function_other_than_a_builtin_aggregate_begins_the_transaction_first(bool async)
    {
        var (engine, table) = await Names();
        await using var conn = await Connect(engine, async);

        // count() only reads: no BEGIN yet.
        await RowCount(conn, async, table);
        Assert.True(await Unlocked(table.Name));

        // now() is the transaction's start time: it begins the transaction, so it stays the same until the commit.
        var first = (await Execute(conn, async, Select(Func.Now()).SelectFrom(table).Limit(1))).Scalar<DateTimeOffset>();
        await Task.Delay(20);
        var second = (await Execute(conn, async, Select(Func.Now()).SelectFrom(table).Limit(1))).Scalar<DateTimeOffset>();
        Assert.Equal(first, second);
        await Commit(conn, async);
        var third = (await Execute(conn, async, Select(Func.Now()).SelectFrom(table).Limit(1))).Scalar<DateTimeOffset>();
        Assert.True(third > second);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Sql_text_and_savepoints_begin_the_transaction_first(bool async)
    {
        var (engine, table) = await Names();
        await using (var conn = await Connect(engine, async))
        {
            await Execute(conn, async, Text($"SELECT name FROM {table.Name}"));
            Assert.False(await Unlocked(table.Name));
        }
        await using (var conn = await Connect(engine, async))
        {
            await Execute(conn, async, Select(table));
            await BeginNested(conn, async);
            Assert.True(await Unlocked(table.Name));
            // The SAVEPOINT sent BEGIN: this read is in the transaction.
            await Execute(conn, async, Select(table));
            Assert.False(await Unlocked(table.Name));
        }
    }

    // Under REPEATABLE READ or SERIALIZABLE every statement reads the transaction's one snapshot, so BEGIN must go first.
    [Theory, InlineData(false, false), InlineData(true, false), InlineData(false, true), InlineData(true, true)]
    public async Task Repeatable_read_from_the_engine_or_the_database_default_keeps_one_snapshot(bool async, bool databaseDefault)
    {
        var (engine, table) = databaseDefault
            ? await Names(url: DatabaseUrl + "?options=-c%20default_transaction_isolation%3Dserializable")
            : await Names(new EngineOptions { IsolationLevel = IsolationLevel.RepeatableRead });
        await using var conn = await Connect(engine, async);
        Assert.Equal(databaseDefault ? "serializable" : "read committed",
            (await Execute(conn, async, Text("SHOW default_transaction_isolation"))).Scalar());
        Assert.Equal(databaseDefault ? "serializable" : "repeatable read",
            (await Execute(conn, async, Text("SHOW transaction_isolation"))).Scalar());
        await Rollback(conn, async);

        Assert.Equal((1, 1), await RowsAroundAnotherCommit(engine, conn, async, table));
        Assert.False(await Unlocked(table.Name));
    }

    // The ground the deferral stands on: at READ COMMITTED a transaction's reads see what others committed in between,
    // exactly as reads outside one do.
    [Theory, InlineData(false, true), InlineData(true, true), InlineData(false, false), InlineData(true, false)]
    public async Task At_read_committed_each_read_sees_what_was_committed_before_it_with_or_without_the_deferral(bool async, bool defer)
    {
        var (engine, table) = await Names(new EngineOptions { DeferBegin = defer });
        await using var conn = await Connect(engine, async);

        Assert.Equal((1, 2), await RowsAroundAnotherCommit(engine, conn, async, table));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_session_that_only_reads_holds_no_lock_and_its_first_flush_begins_the_transaction(bool async)
    {
        var (engine, _) = await Setup();
        await using (var setup = new SessionFace(engine, async))
        {
            setup.Add(User("ann"));
            await setup.Commit();
        }
        await using var session = new SessionFace(engine, async);

        var ann = (await session.All(Select<OrmUser>().Where(u => u.Name == "ann"))).Single();
        Assert.True(await Unlocked("orm_user"));

        ann.Note = "changed";
        await session.Flush();
        Assert.False(await Unlocked("orm_user"));
        await session.Rollback();

        Assert.True(await Unlocked("orm_user"));
        Assert.Null((await session.Get<OrmUser>(ann.Id))!.Note);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task The_raw_connection_runs_in_the_transaction_and_its_connection_defers_no_BEGIN_after(bool async)
    {
        var (engine, table) = await Names();
        await using var conn = await Connect(engine, async);
        await Execute(conn, async, Select(table));

        var raw = async ? await conn.GetRawConnectionAsync() : conn.SyncConnection.GetRawConnection();
        await using (var command = raw.CreateCommand())
        {
            command.CommandText = $"SELECT name FROM {table.Name}";
            Assert.Equal("one", async ? await command.ExecuteScalarAsync() : command.ExecuteScalar());
        }
        Assert.False(await Unlocked(table.Name));
        await Commit(conn, async);
        Assert.True(await Unlocked(table.Name));

        await Execute(conn, async, Select(table));
        Assert.False(await Unlocked(table.Name));
    }

    // SQLAlchemy on PostgreSQL: after any failed statement, the transaction refuses everything until a rollback.
    // Before its BEGIN there is nothing to refuse, as on SQLite.
    [Theory, InlineData(false), InlineData(true)]
    public async Task A_read_that_fails_before_BEGIN_leaves_the_transaction_usable(bool async)
    {
        var (engine, table) = await Names();
        var missing = new Table(TableName("missing"), new MetaData(), new Column<int>("id", primaryKey: true));
        await using var conn = await Connect(engine, async);

        await Assert.ThrowsAsync<ProgrammingException>(() => Execute(conn, async, Select(missing)));
        await Execute(conn, async, table.Insert(), new { id = 2, name = "two" });
        await Commit(conn, async);
        Assert.Equal(2, await Count(engine, table.Name));

        var (strict, strictTable) = await Names(new EngineOptions { DeferBegin = false });
        await using var strictConn = await Connect(strict, async);
        await Assert.ThrowsAsync<ProgrammingException>(() => Execute(strictConn, async, Select(missing)));
        var refused = await Assert.ThrowsAnyAsync<DatabaseException>(() => Execute(strictConn, async, strictTable.Insert(), new { id = 2, name = "two" }));
        Assert.Equal("25P02", refused.DriverCode);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_streamed_read_runs_before_BEGIN_and_a_write_after_it_is_in_the_transaction(bool async)
    {
        var (engine, table) = await Names();
        await using var conn = await Connect(engine, async);

        var names = new List<string>();
        if (async)
        {
            await using var stream = await conn.StreamAsync(Select(table));
            await foreach (var row in stream)
                names.Add((string)row["name"]!);
        }
        else
        {
            using var stream = conn.SyncConnection.Stream(Select(table));
            foreach (var row in stream)
                names.Add((string)row["name"]!);
        }
        Assert.Equal(["one"], names);
        Assert.True(await Unlocked(table.Name));

        await Execute(conn, async, table.Update().Values(new { name = "uno" }));
        Assert.False(await Unlocked(table.Name));
        await Rollback(conn, async);
        Assert.Equal("one", (await Execute(conn, async, Select(table.C["name"]))).Scalar());
    }
}
