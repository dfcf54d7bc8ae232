using Framework.Tests.Infrastructure;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Engine;

public abstract class ConnectionTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : EngineTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    [Theory, InlineData(false), InlineData(true)]
    public async Task Execute_buffers_rows_readable_by_position_name_type_and_deconstruction(bool async)
    {
        var engine = CreateEngine();
        var table = await CreateNamesTable(engine);
        await using var conn = await Connect(engine, async);
        await ExecuteMany(conn, async, Text($"INSERT INTO {table} (name) VALUES (:name)"), [new { name = "some name 1" }, new { name = "some name 2" }]);

        var result = await Execute(conn, async, Text($"SELECT id, name FROM {table} WHERE name = :name"), new { name = "some name 1" });
        var rows = result.FetchAll();

        var row = Assert.Single(rows);
        Assert.Equal(["id", "name"], row.Keys);
        Assert.Equal(1, row.Get<int>(0));
        Assert.Equal("some name 1", row["name"]);
        Assert.Equal("some name 1", row.Get<string>("NAME"));
        var (id, name) = row;
        Assert.Equal(1L, Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("some name 1", name);
        Assert.Equal("(1, some name 1)", row.ToString());
        Assert.Equal(new Dictionary<string, object?> { ["id"] = row[0], ["name"] = "some name 1" }, row.Mapping.ToDictionary());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Executemany_runs_every_parameter_set_and_sums_the_row_count(bool async)
    {
        var engine = CreateEngine();
        var table = await CreateNamesTable(engine);
        await using var conn = await Connect(engine, async);

        var result = await ExecuteMany(conn, async, Text($"INSERT INTO {table} (name) VALUES (:name)"),
            Enumerable.Range(0, 25).Select(i => (object)new Dictionary<string, object?> { ["name"] = $"n{i}" }).ToList());
        await Commit(conn, async);

        Assert.Equal(25, result.RowCount);
        Assert.False(result.ReturnsRows);
        Assert.Equal(25, await Count(engine, table));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Dml_results_report_affected_rows_and_refuse_fetches(bool async)
    {
        var engine = CreateEngine();
        var table = await CreateNamesTable(engine);
        await using var conn = await Connect(engine, async);
        await ExecuteMany(conn, async, Text($"INSERT INTO {table} (name) VALUES (:name)"), [new { name = "a" }, new { name = "b" }, new { name = "c" }]);

        var result = await Execute(conn, async, Text($"UPDATE {table} SET name = name || '!' WHERE name <> :keep"), new { keep = "a" });

        Assert.Equal(2, result.RowCount);
        var error = Assert.Throws<InvalidOperationException>(() => result.FetchOne());
        Assert.Contains("does not return rows", error.Message);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Stream_reads_rows_from_an_open_cursor_and_blocks_other_statements_until_disposed(bool async)
    {
        var engine = CreateEngine();
        var table = await CreateNamesTable(engine);
        await using var conn = await Connect(engine, async);
        await ExecuteMany(conn, async, Text($"INSERT INTO {table} (name) VALUES (:name)"),
            Enumerable.Range(0, 50).Select(i => (object)new { name = $"n{i:D2}" }).ToList());

        var names = new List<string>();
        if (async)
        {
            await using var stream = await conn.StreamAsync(Text($"SELECT name FROM {table} ORDER BY name"));
            var first = await stream.FetchOneAsync();
            names.Add((string)first![0]!);
            var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await conn.ExecuteAsync(Text("SELECT 1")));
            Assert.Contains("open streaming result", error.Message);
            await foreach (var row in stream)
                names.Add((string)row[0]!);
        }
        else
        {
            using var stream = conn.SyncConnection.Stream(Text($"SELECT name FROM {table} ORDER BY name"));
            names.Add((string)stream.FetchOne()![0]!);
            Assert.Throws<InvalidOperationException>(() => conn.SyncConnection.Execute(Text("SELECT 1")));
            foreach (var row in stream)
                names.Add((string)row[0]!);
        }

        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"n{i:D2}"), names);
        Assert.Equal(1, (await Execute(conn, async, Text("SELECT 1"))).Scalar<int>());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Disposing_a_stream_part_way_releases_the_connection(bool async)
    {
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);
        var sql = Text(Db.IsPostgres ? "SELECT g FROM generate_series(1, 1000) AS g"
            : "WITH RECURSIVE c(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM c WHERE g < 1000) SELECT g FROM c");
        if (async)
        {
            await using (var stream = await conn.StreamAsync(sql))
                Assert.Equal(3, (await stream.FetchManyAsync(3)).Count);
        }
        else
        {
            using var stream = conn.SyncConnection.Stream(sql);
            Assert.Equal(3, stream.FetchMany(3).Count);
        }

        Assert.Equal(7, (await Execute(conn, async, Text("SELECT 7"))).Scalar<int>());
    }

    [Fact]
    public async Task RunSyncAsync_hands_the_blocking_connection_to_synchronous_code_and_returns_its_value()
    {
        var engine = CreateEngine();
        var table = await CreateNamesTable(engine);
        await using var conn = await engine.ConnectAsync();

        static IReadOnlyList<string> InsertAndRead(Connection connection, string table)
        {
            connection.Execute(Text($"INSERT INTO {table} (name) VALUES (:name)"), new { name = "from sync code" });
            return connection.Scalars<string>(Text($"SELECT name FROM {table}")).All();
        }
        var names = await conn.RunSyncAsync(c => InsertAndRead(c, table));
        await conn.RunSyncAsync(c => c.Commit());
        var error = await Assert.ThrowsAsync<ProgrammingException>(() => conn.RunSyncAsync(c => c.Execute(Text("SELECT * FROM nowhere"))));

        Assert.Equal(["from sync code"], names);
        Assert.Same(conn.SyncConnection, await conn.RunSyncAsync(c => c));
        Assert.Contains("nowhere", error.Message);
        Assert.Equal(1, await Count(engine, table));
    }

    [Fact]
    public async Task ScalarsAsync_and_StreamScalarsAsync_yield_the_first_column_typed()
    {
        var engine = CreateEngine();
        var table = await CreateNamesTable(engine);
        await using var conn = await engine.ConnectAsync();
        await conn.ExecuteAsync(Text($"INSERT INTO {table} (name) VALUES (:name)"), [new { name = "a" }, new { name = "b" }]);
        var select = Text($"SELECT name, id FROM {table} ORDER BY name");

        var buffered = (await conn.ScalarsAsync<string>(select)).All();
        var untyped = (await conn.ScalarsAsync(select)).All();
        var streamed = new List<string>();
        await using (var stream = await conn.StreamScalarsAsync<string>(select))
        {
            await foreach (var name in stream)
                streamed.Add(name);
        }

        Assert.Equal(["a", "b"], buffered);
        Assert.Equal(["a", "b"], untyped);
        Assert.Equal(["a", "b"], streamed);
        Assert.Equal("a", await conn.ScalarAsync(select));
    }

    [Fact]
    public async Task The_callback_forms_of_BeginAsync_and_BeginNestedAsync_commit_what_completes_and_undo_what_throws()
    {
        var engine = CreateEngine();
        var table = await CreateNamesTable(engine);
        await using var conn = await engine.ConnectAsync();
        var insert = Text($"INSERT INTO {table} (name) VALUES (:name)");

        await conn.BeginAsync(async () =>
        {
            await conn.ExecuteAsync(insert, new { name = "outer" });
            await conn.BeginNestedAsync(() => conn.ExecuteAsync(insert, new { name = "kept" }).AsTask());
            await Assert.ThrowsAsync<InvalidTimeZoneException>(() => conn.BeginNestedAsync(async () =>
            {
                await conn.ExecuteAsync(insert, new { name = "undone" });
                throw new InvalidTimeZoneException();
            }));
        });

        Assert.False(conn.InTransaction);
        Assert.Equal(["kept", "outer"], (await conn.ScalarsAsync<string>(Text($"SELECT name FROM {table} ORDER BY name"))).All());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_missing_bind_parameter_is_a_clear_error_naming_it(bool async)
    {
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Execute(conn, async, Text("SELECT :a + :b"), new { a = 1 }));

        Assert.Contains("A value is required for bind parameter 'b'", error.Message);
        Assert.Equal(2, (await Execute(conn, async, Text("SELECT :a"), new Dictionary<string, object?> { ["a"] = 2 })).Scalar<int>());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Statements_autobegin_and_closing_without_commit_rolls_back(bool async)
    {
        var engine = CreateEngine();
        var table = await CreateNamesTable(engine);

        var conn = await Connect(engine, async);
        Assert.False(conn.InTransaction);
        await Execute(conn, async, Text($"INSERT INTO {table} (name) VALUES ('lost')"));
        Assert.True(conn.InTransaction);
        await Close(conn, async);
        Assert.Equal(0, await Count(engine, table));

        conn = await Connect(engine, async);
        await Execute(conn, async, Text($"INSERT INTO {table} (name) VALUES ('kept')"));
        await Commit(conn, async);
        Assert.False(conn.InTransaction);
        await Close(conn, async);
        Assert.Equal(1, await Count(engine, table));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Autocommit_runs_statements_without_an_implicit_transaction(bool async)
    {
        var engine = CreateEngine(new() { Autocommit = true });
        var table = await CreateNamesTable(engine);
        var begins = 0;
        engine.SyncEngine.Events.Begin += _ => begins++;

        var conn = await Connect(engine, async);
        await Execute(conn, async, Text($"INSERT INTO {table} (name) VALUES ('autocommitted')"));
        Assert.False(conn.InTransaction);
        await Close(conn, async);
        Assert.Equal(0, begins);
        Assert.Equal(1, await Count(engine, table));

        // An explicit transaction is still a real one.
        conn = await Connect(engine, async);
        var tx = await Begin(conn, async);
        await Execute(conn, async, Text($"INSERT INTO {table} (name) VALUES ('rolled back')"));
        await End(tx, async, commit: false);
        await Close(conn, async);
        Assert.Equal(1, begins);
        Assert.Equal(1, await Count(engine, table));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Engine_begin_commits_on_success_and_rolls_back_on_exception(bool async)
    {
        var engine = CreateEngine();
        var table = await CreateNamesTable(engine);
        var insert = Text($"INSERT INTO {table} (name) VALUES (:name)");

        if (async)
        {
            await engine.BeginAsync(conn => conn.ExecuteAsync(insert, new { name = "a" }).AsTask());
            await Assert.ThrowsAsync<TimeZoneNotFoundException>(() => engine.BeginAsync(async conn =>
            {
                await conn.ExecuteAsync(insert, new { name = "b" });
                throw new TimeZoneNotFoundException();
            }));
        }
        else
        {
            engine.SyncEngine.Begin(conn => conn.Execute(insert, new { name = "a" }));
            Assert.Throws<TimeZoneNotFoundException>(() => engine.SyncEngine.Begin(conn =>
            {
                conn.Execute(insert, new { name = "b" });
                throw new TimeZoneNotFoundException();
            }));
        }

        Assert.Equal(1, await Count(engine, table));
        Assert.Equal(0, engine.Pool.Status.CheckedOut);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_transaction_handle_disposed_uncommitted_rolls_back(bool async)
    {
        var engine = CreateEngine();
        var table = await CreateNamesTable(engine);
        await using var conn = await Connect(engine, async);

        await using (var tx = await Begin(conn, async))
        {
            await Execute(conn, async, Text($"INSERT INTO {table} (name) VALUES ('x')"));
            Assert.True(tx.IsActive);
        }
        Assert.False(conn.InTransaction);
        await using (var tx = await Begin(conn, async))
        {
            await Execute(conn, async, Text($"INSERT INTO {table} (name) VALUES ('y')"));
            await End(tx, async, commit: true);
            Assert.False(tx.IsActive);
        }

        Assert.Equal(["y"], (await Execute(conn, async, Text($"SELECT name FROM {table}"))).Scalars<string>().All());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Beginning_twice_is_an_error_that_points_to_savepoints(bool async)
    {
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);
        await Execute(conn, async, Text("SELECT 1"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Begin(conn, async));

        Assert.Contains("already begun", error.Message);
        Assert.Contains("BeginNested", error.Message);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_savepoint_rolled_back_keeps_the_outer_transaction_work(bool async)
    {
        var engine = CreateEngine();
        var table = await CreateNamesTable(engine);
        await using var conn = await Connect(engine, async);
        var insert = Text($"INSERT INTO {table} (name) VALUES (:name)");

        await using var outer = await Begin(conn, async);
        await Execute(conn, async, insert, new { name = "outer" });
        var savepoint = await BeginNested(conn, async);
        Assert.True(savepoint.IsNested);
        Assert.True(conn.InNestedTransaction);
        await Execute(conn, async, insert, new { name = "inner" });
        await End(savepoint, async, commit: false);
        var released = await BeginNested(conn, async);
        await Execute(conn, async, insert, new { name = "released" });
        await End(released, async, commit: true);
        await End(outer, async, commit: true);

        Assert.Equal(["outer", "released"], (await Execute(conn, async, Text($"SELECT name FROM {table} ORDER BY id"))).Scalars<string>().All());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_savepoint_lets_work_continue_after_a_failed_statement(bool async)
    {
        var engine = CreateEngine();
        var table = await CreateNamesTable(engine);
        await using var conn = await Connect(engine, async);
        var insert = Text($"INSERT INTO {table} (name) VALUES (:name)");
        await Execute(conn, async, insert, new { name = "dup" });

        var savepoint = await BeginNested(conn, async);
        await Assert.ThrowsAsync<IntegrityException>(() => Execute(conn, async, insert, new { name = "dup" }));
        await End(savepoint, async, commit: false);
        await Execute(conn, async, insert, new { name = "after" });
        await Commit(conn, async);

        Assert.Equal(2, await Count(engine, table));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task The_isolation_level_comes_from_execution_options(bool async)
    {
        // SQLite grants READ UNCOMMITTED only to shared-cache connections; the URL's options reach the driver.
        var engine = CreateEngine(url: Db.IsPostgres ? DatabaseUrl : DatabaseUrl + "?cache=shared");
        await using var conn = await Connect(engine, async);
        var level = Db.IsPostgres ? System.Data.IsolationLevel.Serializable : System.Data.IsolationLevel.ReadUncommitted;

        conn.ExecutionOptions(new() { IsolationLevel = level });
        var reported = (await Execute(conn, async, Text(Db.IsPostgres ? "SHOW transaction_isolation" : "PRAGMA read_uncommitted"))).Scalar();

        Assert.Equal(Db.IsPostgres ? "serializable" : (object)1L, reported);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task The_raw_connection_is_the_open_driver_connection(bool async)
    {
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);

        var raw = async ? await conn.GetRawConnectionAsync() : conn.SyncConnection.GetRawConnection();

        Assert.Equal(System.Data.ConnectionState.Open, raw.State);
        Assert.Equal(Db.IsPostgres ? "NpgsqlConnection" : "SqliteConnection", raw.GetType().Name);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task An_invalidated_connection_is_discarded_and_the_next_statement_reconnects(bool async)
    {
        var engine = CreateEngine();
        var closed = 0;
        engine.SyncEngine.Events.Close += _ => closed++;
        await using var conn = await Connect(engine, async);
        var before = async ? await conn.GetRawConnectionAsync() : conn.SyncConnection.GetRawConnection();

        if (async)
            await conn.InvalidateAsync();
        else
            conn.SyncConnection.Invalidate();

        Assert.True(conn.IsInvalidated);
        Assert.Equal(1, closed);
        Assert.Equal(0, engine.Pool.Status.CheckedOut);
        Assert.Equal(3, (await Execute(conn, async, Text("SELECT 3"))).Scalar<int>());
        Assert.NotSame(before, async ? await conn.GetRawConnectionAsync() : conn.SyncConnection.GetRawConnection());
        Assert.Equal(1, engine.Pool.Status.CheckedOut);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Invalidating_a_connection_with_an_open_stream_drops_the_stream_without_reading_it(bool async)
    {
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);
        // A hundred million rows, produced as they are read (a recursive query streams on both databases): reading them
        // all would take minutes, so a prompt return shows that the stream was dropped, not drained, even on a loaded machine.
        var sql = Text("WITH RECURSIVE c(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM c WHERE g < 100000000) SELECT g FROM c");
        var stream = await conn.StreamAsync(sql);
        await stream.FetchOneAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        if (async)
            await conn.InvalidateAsync();
        else
            conn.SyncConnection.Invalidate();

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));
        Assert.True(stream.IsClosed || (await stream.FetchOneAsync()) is null);
        await Rollback(conn, async);   // the stream ran in an autobegun transaction that went with the connection
        Assert.Equal(1, (await Execute(conn, async, Text("SELECT 1"))).Scalar<int>());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Two_flows_on_one_connection_are_detected(bool async)
    {
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);
        await Execute(conn, async, Text("SELECT 1"));
        using var cancel = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slowStatement = Db.Slow(3);
        engine.SyncEngine.Events.BeforeCursorExecute += e =>
        {
            if (e.Sql == slowStatement.Text)
                started.TrySetResult();
        };

        // On a dedicated thread (Microsoft.Data.Sqlite's async methods complete synchronously): a blocked pool thread
        // on a 2-core machine would delay this test's own continuation until the slow statement ended.
        var slow = Task.Factory.StartNew(() => async
            ? conn.ExecuteAsync(slowStatement, cancellationToken: cancel.Token).AsTask()
            : Task.FromResult(conn.SyncConnection.Execute(slowStatement)), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        // The second flow waits on the thread pool, not on the test framework's two-thread context, which other test
        // classes may be keeping busy past the slow statement's end.
        var error = await Task.Run(async () =>
        {
            await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return await Assert.ThrowsAsync<InvalidOperationException>(() => Execute(conn, async, Text("SELECT 2")));
        });
        Assert.Contains("one flow at a time", error.Message);

        if (async)
            await cancel.CancelAsync();
        try
        {
            await slow;
        }
        catch (OperationCanceledException)
        {
            // the slow statement was cancelled (PostgreSQL now needs the aborted transaction rolled back)
            await Rollback(conn, async);
        }
        Assert.Equal(4, (await Execute(conn, async, Text("SELECT 4"))).Scalar<int>());
    }
}

public sealed class SqliteConnectionTests(DatabaseFixture<SqliteDatabase> fixture) : ConnectionTests<SqliteDatabase>(fixture);

public sealed class PostgresConnectionTests(DatabaseFixture<PostgresDatabase> fixture) : ConnectionTests<PostgresDatabase>(fixture);
