using System.Data;
using System.Diagnostics;
using Framework.Sql;
using Framework.Tests.Infrastructure;
using SQLitePCL;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Engine;

/// <summary>
/// SQLite's production settings and how its transactions begin: the PRAGMAs every connection gets, the transaction_mode
/// URL option (auto: reads before BEGIN, BEGIN IMMEDIATE at the first write), the engine's queue of writers, and the error
/// a writer gets when the write lock does not come in time. Whether a connection holds the write lock is read from the
/// file itself: a probe connection's BEGIN IMMEDIATE fails at once while another holds it.
/// </summary>
public sealed class SqliteTransactionModeTests(DatabaseFixture<SqliteDatabase> fixture) : EngineTestBase<SqliteDatabase>(fixture)
{
    private async Task<(AsyncEngine Engine, Table Table)> Names(string options = "", EngineOptions? engineOptions = null)
    {
        var meta = new MetaData();
        var table = new Table(TableName("m"), meta, new Column<int>("id", primaryKey: true), new Column<string>("name"));
        var engine = CreateEngine(engineOptions, DatabaseUrl + options);
        await engine.BeginAsync(async conn =>
        {
            await meta.CreateAllAsync(conn);
            await conn.ExecuteAsync(table.Insert(), new { id = 1, name = "one" });
        });
        return (engine, table);
    }

    // A connection of its own, outside any engine, with no busy timeout: its BEGIN IMMEDIATE fails at once if another holds the lock.
    private bool WriteLocked()
    {
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_open_v2(Url.Parse(DatabaseUrl).Database!, out var probe, raw.SQLITE_OPEN_READWRITE, null));
        using (probe)
        {
            var rc = raw.sqlite3_exec(probe, "BEGIN IMMEDIATE");
            if (rc == raw.SQLITE_BUSY)
                return true;
            Assert.Equal(raw.SQLITE_OK, rc);
            raw.sqlite3_exec(probe, "ROLLBACK");
            return false;
        }
    }

    private static async Task<object?> Pragma(AsyncEngine engine, string name)
    {
        await using var conn = await engine.ConnectAsync();
        return await conn.ScalarAsync(Text("PRAGMA " + name));
    }

    [Fact]
    public async Task A_file_database_runs_in_WAL_with_synchronous_NORMAL_and_a_five_second_busy_timeout()
    {
        var (engine, _) = await Names();

        Assert.Equal("wal", await Pragma(engine, "journal_mode"));
        Assert.Equal(1L, await Pragma(engine, "synchronous"));
        Assert.Equal(5000L, await Pragma(engine, "busy_timeout"));
    }

    [Fact]
    public async Task URL_options_set_the_journal_mode_synchronous_and_busy_timeout()
    {
        var (engine, _) = await Names("?journal_mode=delete&synchronous=extra&busy_timeout=250");
        Assert.Equal("delete", await Pragma(engine, "journal_mode"));
        Assert.Equal(3L, await Pragma(engine, "synchronous"));
        Assert.Equal(250L, await Pragma(engine, "busy_timeout"));

        // Under a rollback journal NORMAL is not durable, so SQLite's own FULL stays unless asked otherwise.
        var rollback = CreateEngine(url: DatabaseUrl + "?journal_mode=truncate");
        Assert.Equal("truncate", await Pragma(rollback, "journal_mode"));
        Assert.Equal(2L, await Pragma(rollback, "synchronous"));
    }

    [Fact]
    public async Task An_in_memory_database_keeps_its_memory_journal_and_its_one_shared_connection()
    {
        var engine = CreateEngine(url: "sqlite:///:memory:");
        var table = new Table("m", new MetaData(), new Column<int>("id", primaryKey: true));
        await engine.BeginAsync(async conn =>
        {
            await conn.RunSyncAsync(c => table.MetaData.CreateAll(c));
            await conn.ExecuteAsync(table.Insert(), new { id = 1 });
        });

        Assert.Equal("memory", await Pragma(engine, "journal_mode"));
        await using var conn = await engine.ConnectAsync();
        Assert.Equal(1L, await conn.ScalarAsync<long>(Select(Func.Count()).SelectFrom(table)));
    }

    [Theory]
    [InlineData("busy_timeout=soon", "a whole number of milliseconds")]
    [InlineData("busy_timeout=-1", "a whole number of milliseconds")]
    [InlineData("journal_mode=fast", "wal, delete, truncate, persist, memory, off")]
    [InlineData("synchronous=always", "off, normal, full or extra")]
    [InlineData("transaction_mode=eager", "auto, immediate or deferred")]
    public void A_bad_SQLite_option_is_refused_naming_the_values_it_takes(string option, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => CreateEngine(url: DatabaseUrl + "?" + option));
        Assert.Contains(option, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Reads_run_before_BEGIN_and_the_first_write_takes_the_write_lock_with_BEGIN_IMMEDIATE(bool async)
    {
        var logs = new Diagnostics.CapturingLoggerFactory();
        var (engine, table) = await Names(engineOptions: new EngineOptions { Echo = true, LoggerFactory = logs });
        logs.Entries.Clear();
        await using var conn = await Connect(engine, async);

        Assert.Equal(1, await RowCount(conn, async, table));
        Assert.True(conn.InTransaction);
        Assert.False(WriteLocked());

        await Execute(conn, async, table.Insert(), new { id = 2, name = "two" });
        Assert.True(WriteLocked());
        Assert.Equal(2, await RowCount(conn, async, table));
        await Rollback(conn, async);

        Assert.Equal(["SELECT", "BEGIN IMMEDIATE (implicit)", "INSERT", "SELECT", "ROLLBACK"],
            logs.Entries.Where(e => e.EventId is 1000 or 1002 or 1004).Select(e => e.EventId == 1002 ? e.Message : e.Message.Split(' ', 2)[0]));
        Assert.False(WriteLocked());
        Assert.Equal(1, await Count(engine, table.Name));
    }

    // What makes the deferral sound: a read before the first write sees what others committed before it, as a read at
    // READ COMMITTED does.
    [Theory, InlineData(false), InlineData(true)]
    public async Task A_read_before_the_first_write_sees_what_others_committed_before_it(bool async)
    {
        var (engine, table) = await Names();
        await using var conn = await Connect(engine, async);

        Assert.Equal((1, 2), await RowsAroundAnotherCommit(engine, conn, async, table));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task SQL_text_that_only_reads_runs_before_BEGIN_and_SQL_text_that_writes_begins_IMMEDIATE(bool async)
    {
        var (engine, table) = await Names();
        await using var conn = await Connect(engine, async);

        Assert.Equal("one", (await Execute(conn, async, Text($"SELECT name FROM {table.Name}; -- a comment"))).Scalar());
        Assert.Equal(1L, (await Execute(conn, async, Select(Func.Count()).SelectFrom(table).Where(LiteralColumn("1") == 1))).Scalar());
        Assert.False(WriteLocked());

        await Execute(conn, async, Text($"INSERT INTO {table.Name} (id, name) VALUES (2, 'two')"));
        Assert.True(WriteLocked());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task ForUpdate_takes_the_write_lock_before_it_reads(bool async)
    {
        var (engine, table) = await Names();
        await using var conn = await Connect(engine, async);

        await Execute(conn, async, Select(table).Where(table.C["id"] == 1).ForUpdate());

        Assert.True(WriteLocked());
    }

    // A transaction that keeps one snapshot from its first statement sends BEGIN IMMEDIATE with it, even to read: at
    // SERIALIZABLE or REPEATABLE READ, with DeferBegin off, and always with transaction_mode=immediate (Rails' choice).
    [Theory]
    [InlineData(false, "serializable"), InlineData(true, "serializable"), InlineData(false, "repeatable read"), InlineData(true, "repeatable read")]
    [InlineData(false, "DeferBegin off"), InlineData(true, "DeferBegin off"), InlineData(false, "immediate"), InlineData(true, "immediate")]
    public async Task A_transaction_that_keeps_one_snapshot_begins_IMMEDIATE_with_its_first_read(bool async, string how)
    {
        var (engine, table) = await Names(how == "immediate" ? "?transaction_mode=immediate" : "",
            new EngineOptions { DeferBegin = how != "DeferBegin off" });
        await using var conn = await Connect(engine, async);
        conn.ExecutionOptions(new()
        {
            IsolationLevel = how switch
            {
                "serializable" => IsolationLevel.Serializable,
                "repeatable read" => IsolationLevel.RepeatableRead,
                _ => null,
            },
        });

        await RowCount(conn, async, table);

        Assert.True(WriteLocked());
    }

    // Python's sqlite3 behaviour: one snapshot from the first read, the write lock at the first write. A write after another
    // connection committed then cannot succeed, and the error says why and what to do.
    [Theory, InlineData(false), InlineData(true)]
    public async Task With_transaction_mode_deferred_a_transaction_reads_one_snapshot_and_cannot_write_after_another_commit(bool async)
    {
        var (engine, table) = await Names("?transaction_mode=deferred");
        await using var conn = await Connect(engine, async);

        Assert.Equal(1, await RowCount(conn, async, table));
        Assert.False(WriteLocked());
        await engine.BeginAsync(async other => await other.ExecuteAsync(table.Insert(), new { id = 2, name = "two" }));
        Assert.Equal(1, await RowCount(conn, async, table));

        var error = await Assert.ThrowsAsync<OperationalException>(() => Execute(conn, async, table.Insert(), new { id = 3, name = "three" }));
        Assert.True(error.IsTransient);
        Assert.Equal("517", error.DriverCode);
        Assert.Contains("read the database before another connection wrote to it", error.Message);
        Assert.Contains("run the whole transaction again", error.Message);
    }

    [Theory, InlineData(false, false), InlineData(true, false), InlineData(false, true), InlineData(true, true)]
    public async Task A_writer_kept_waiting_past_busy_timeout_gets_a_transient_error_naming_the_cause_the_wait_and_the_remedies(bool async,
        bool otherEngine)
    {
        // The same engine queues its writers; another engine (or process) meets SQLite's own busy handler.
        var (engine, table) = await Names("?busy_timeout=300");
        var waiting = otherEngine ? CreateEngine(url: DatabaseUrl + "?busy_timeout=300") : engine;
        await using var holder = await Connect(engine, async);
        await Execute(holder, async, table.Insert(), new { id = 2, name = "two" });
        await using var conn = await Connect(waiting, async);

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<OperationalException>(() => Execute(conn, async, table.Insert(), new { id = 3, name = "three" }));
        clock.Stop();

        Assert.True(error.IsTransient);
        Assert.Equal("5", error.DriverCode);
        Assert.Contains("database is locked", error.Message);
        Assert.Contains("Another connection holds this database's write lock", error.Message);
        Assert.Matches(@"waited \d+\.\d+ s for it \(busy_timeout=300 ms\)", error.Message);
        Assert.Contains("Keep write transactions short", error.Message);
        Assert.Contains("journal_mode=wal", error.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(290), TimeSpan.FromSeconds(4));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_waiting_writer_gets_the_write_lock_when_the_holder_commits(bool async)
    {
        var (engine, table) = await Names();
        await using var holder = await Connect(engine, async);
        await Execute(holder, async, table.Insert(), new { id = 2, name = "two" });

        var clock = Stopwatch.StartNew();
        var release = Task.Run(async () =>
        {
            await Task.Delay(200);
            await holder.CommitAsync();
        });
        await using var conn = await Connect(engine, async);
        await Execute(conn, async, table.Insert(), new { id = 3, name = "three" });
        await Commit(conn, async);
        await release;

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(190), TimeSpan.FromSeconds(4));
        Assert.Equal(3, await Count(engine, table.Name));
    }

    // The queue's turn ends with the transaction, however it ends: a writer after each of these must not wait.
    [Theory, InlineData(false), InlineData(true)]
    public async Task A_writer_that_closes_fails_or_is_invalidated_without_committing_frees_the_write_lock(bool async)
    {
        var (engine, table) = await Names("?busy_timeout=2000");
        var id = 10;
        async Task WriteAtOnce()
        {
            var clock = Stopwatch.StartNew();
            await engine.BeginAsync(async c => await c.ExecuteAsync(table.Insert(), new { id = ++id, name = "next" }));
            // A turn that was never given back fails the insert after the 2 s busy timeout or leaves it waiting: either
            // shows here, while the bound leaves room for a loaded machine.
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        }

        await using (var closed = await Connect(engine, async))
            await Execute(closed, async, table.Insert(), new { id = 2, name = "two" });
        await WriteAtOnce();

        await using (var failed = await Connect(engine, async))
        {
            await Execute(failed, async, table.Insert(), new { id = 3, name = "three" });
            await Assert.ThrowsAsync<IntegrityException>(() => Execute(failed, async, table.Insert(), new { id = 3, name = "again" }));
            await Rollback(failed, async);
            await WriteAtOnce();
        }

        await using (var invalidated = await Connect(engine, async))
        {
            await Execute(invalidated, async, table.Insert(), new { id = 4, name = "four" });
            if (async)
                await invalidated.InvalidateAsync();
            else
                invalidated.SyncConnection.Invalidate();
            await WriteAtOnce();
        }

        Assert.False(WriteLocked());
        Assert.Equal(4, await Count(engine, table.Name));
    }
}
