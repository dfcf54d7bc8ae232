using System.Diagnostics;
using Framework.Tests.Infrastructure;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Engine;

/// <summary>
/// A cancelled token ends the call with <see cref="OperationCanceledException"/>, whenever the cancel lands: before the
/// statement is sent, while it runs, or after it finished but before the call returned. Only the async face takes a token;
/// what follows a cancellation runs in both modes.
/// </summary>
public abstract class CancellationTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : EngineTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    private enum Call
    {
        Rows,
        NoRows,
        Stream,
    }

    [Fact]
    public async Task A_token_cancelled_before_the_call_ends_it_at_once_without_checking_out_a_connection()
    {
        var engine = CreateEngine();
        var checkouts = 0;
        var statements = 0;
        engine.SyncEngine.Events.Checkout += _ => checkouts++;
        engine.SyncEngine.Events.BeforeCursorExecute += _ => statements++;
        var cancelled = new CancellationToken(canceled: true);
        var select = Select(Literal(1));
        // Two idle connections in the pool: a checkout would take one without waiting.
        await using (var first = await engine.ConnectAsync())
        await using (var second = await engine.ConnectAsync())
            checkouts = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await engine.ConnectAsync(cancelled));
        await using (var session = new Framework.Orm.AsyncSession(engine))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await session.ExecuteAsync(select, cancellationToken: cancelled));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await session.StreamAsync(select, cancellationToken: cancelled));
        }
        Assert.Equal(0, checkouts);

        // A connection whose driver connection was discarded checks out another only for a call that goes ahead.
        await using var conn = await engine.ConnectAsync();
        await conn.InvalidateAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await conn.ExecuteAsync(select, cancellationToken: cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await conn.StreamAsync(select, cancellationToken: cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await conn.BeginAsync(cancelled));
        Assert.Equal(1, checkouts);
        Assert.Equal(0, engine.Pool.Status.CheckedOut);
        Assert.Equal(1, engine.Pool.Status.Idle);
        Assert.Equal(0, statements);
        Assert.Equal(1, await conn.ScalarAsync<int>(select));
    }

    [Theory, InlineData(false, false), InlineData(false, true), InlineData(true, false), InlineData(true, true)]
    public async Task A_statement_that_completes_after_its_token_is_cancelled_ends_cancelled_and_its_transaction_must_be_rolled_back(bool async, bool rows)
    {
        var engine = CreateEngine(new() { PoolSize = 1, MaxOverflow = 0 });
        var table = await CreateNamesTable(engine);
        var statement = Text(rows ? $"SELECT name FROM {table}" : $"INSERT INTO {table} (name) VALUES ('cancelled')");
        using var cancel = new CancellationTokenSource();
        // The statement has run in the database, the call has not returned yet: the cancel the database missed, or came after.
        engine.SyncEngine.Events.AfterCursorExecute += e =>
        {
            if (e.Sql == statement.Text)
                cancel.Cancel();
        };
        var conn = await Connect(engine, async);
        await Execute(conn, async, Text($"INSERT INTO {table} (name) VALUES ('before')"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await conn.ExecuteAsync(statement, cancellationToken: cancel.Token));

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Execute(conn, async, Text("SELECT 1")));
        Assert.Contains("cancelled", refused.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Commit(conn, async));
        await Rollback(conn, async);
        Assert.False(conn.IsInvalidated);
        Assert.Equal(0, (await Execute(conn, async, Text($"SELECT count(*) FROM {table}"))).Scalar<int>());
        await Close(conn, async);
        Assert.Equal(0, engine.Pool.Status.CheckedOut);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task In_autocommit_a_write_that_completed_before_the_cancel_returns_as_a_commit_would_and_a_plain_select_ends_cancelled(bool async)
    {
        var engine = CreateEngine(new() { Autocommit = true });
        var table = await CreateNamesTable(engine);
        var insert = Text($"INSERT INTO {table} (name) VALUES ('kept')");
        var select = Select(Literal(1));
        var compiledSelect = select.Compile(engine.Dialect).Sql;
        using var cancel = new CancellationTokenSource();
        engine.SyncEngine.Events.AfterCursorExecute += e =>
        {
            if (e.Sql == insert.Text || e.Sql == compiledSelect)
                cancel.Cancel();
        };
        var conn = await Connect(engine, async);

        // It committed as it completed: reporting it cancelled would hide a write that happened.
        Assert.Equal(1, (await conn.ExecuteAsync(insert, cancellationToken: cancel.Token)).RowCount);
        Assert.True(cancel.IsCancellationRequested);
        Assert.Equal(1, await Count(engine, table));

        using var again = new CancellationTokenSource();
        engine.SyncEngine.Events.AfterCursorExecute += e =>
        {
            if (e.Sql == compiledSelect)
                again.Cancel();
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await conn.ExecuteAsync(select, cancellationToken: again.Token));
        Assert.Equal(1, (await Execute(conn, async, select)).Scalar<int>());
        await Close(conn, async);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_commit_refused_for_a_cancelled_token_sends_nothing_and_one_sent_is_not_cancelled(bool async)
    {
        var engine = CreateEngine();
        var table = await CreateNamesTable(engine);
        var conn = await Connect(engine, async);
        await Execute(conn, async, Text($"INSERT INTO {table} (name) VALUES ('a')"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await conn.CommitAsync(new CancellationToken(canceled: true)));
        Assert.True(conn.InTransaction);
        Assert.Equal(0, await Count(engine, table));

        // Cancelled once the COMMIT is done, before the call returns: the commit happened, and is reported as it is.
        using var cancel = new CancellationTokenSource();
        engine.SyncEngine.Events.Commit += _ => cancel.Cancel();
        await conn.CommitAsync(cancel.Token);
        Assert.True(cancel.IsCancellationRequested);
        Assert.Equal(1, await Count(engine, table));
        await Close(conn, async);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Rows_read_after_a_streams_token_is_cancelled_end_it_cancelled_and_leave_the_connection_usable(bool async)
    {
        var engine = CreateEngine(new() { PoolSize = 1, MaxOverflow = 0 });
        var conn = await Connect(engine, async);
        var five = Series(5);

        // The statement's token still holds while its rows are read; all five are with the driver already.
        using (var cancel = new CancellationTokenSource())
        {
            var stream = await conn.StreamAsync(five, cancellationToken: cancel.Token);
            Assert.Equal(1, (await stream.FetchOneAsync())!.Get<int>(0));
            await cancel.CancelAsync();
            var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await stream.FetchOneAsync());
            Assert.Equal(cancel.Token, error.CancellationToken);
            Assert.Null(await stream.FetchOneAsync());
        }
        await RollBackAndUse(conn, async);

        // So does a token given to the reading itself.
        using (var cancel = new CancellationTokenSource())
        {
            var stream = await conn.StreamAsync(five);
            var read = 0;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (var _ in stream.WithCancellation(cancel.Token))
                {
                    if (++read == 2)
                        await cancel.CancelAsync();
                }
            });
            Assert.Equal(2, read);
        }
        await RollBackAndUse(conn, async);
        await Close(conn, async);
        Assert.Equal(0, engine.Pool.Status.CheckedOut);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_stream_of_an_endless_result_cancelled_while_read_stops_the_statement_instead_of_reading_it_all(bool async)
    {
        var engine = CreateEngine(new() { PoolSize = 1, MaxOverflow = 0 });
        var conn = await Connect(engine, async);
        var endless = Series(2_000_000_000);
        using var cancel = new CancellationTokenSource();
        var stream = await conn.StreamAsync(endless, cancellationToken: cancel.Token);
        for (var i = 1; i <= 1000; i++)
            Assert.Equal(i, (await stream.FetchOneAsync())!.Get<long>(0));
        await cancel.CancelAsync();

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await stream.FetchOneAsync());

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.True(stream.IsClosed || await stream.FetchOneAsync() is null);
        await RollBackAndUse(conn, async);
        await Close(conn, async);
        Assert.Equal(0, engine.Pool.Status.CheckedOut);
    }

    [Fact]
    public async Task A_session_whose_flush_is_cancelled_after_its_insert_ran_commits_nothing_and_asks_for_a_rollback()
    {
        var engine = CreateEngine();
        await using (var conn = await engine.ConnectAsync())
        {
            await Orm.HandModel.MetaData.CreateAllAsync(conn);
            await conn.CommitAsync();
        }
        using var cancel = new CancellationTokenSource();
        engine.SyncEngine.Events.AfterCursorExecute += e =>
        {
            if (e.Sql.StartsWith("INSERT INTO orm_user", StringComparison.Ordinal))
                cancel.Cancel();
        };
        await using var session = new Framework.Orm.AsyncSession(engine);
        session.Add(new Orm.OrmUser { Name = "ann" });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await session.CommitAsync(cancel.Token));

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await session.CommitAsync());
        await session.RollbackAsync();
        Assert.Equal(0L, await session.ScalarAsync(Text("SELECT count(*) FROM orm_user")) is { } n ? Convert.ToInt64(n, System.Globalization.CultureInfo.InvariantCulture) : -1);
        session.Add(new Orm.OrmUser { Name = "bob" });
        await session.CommitAsync();
        await session.CloseAsync();
        Assert.Equal(1, await Count(engine, "orm_user"));
        Assert.Equal(0, engine.Pool.Status.CheckedOut);
    }

    [Fact]
    public async Task Ten_thousand_calls_cancelled_at_random_early_moments_all_end_cancelled_and_leave_the_pool_whole()
    {
        const int calls = 10_000;
        // SQLite's three flows make one kind of call each: a single writer never waits on another's lock.
        var flows = Db.IsPostgres ? 6 : 3;
        var engine = CreateEngine(new() { PoolSize = flows, MaxOverflow = 0 });
        var table = TableName();
        var (rows, insert) = StampedStatements(engine, table);
        await engine.BeginAsync(async c => await c.ExecuteAsync(Text($"CREATE TABLE {table} (n INTEGER, at BIGINT)")));
        var seed = Environment.TickCount;
        var cancelledCalls = 0;
        var completedFirst = 0;
        var completedDespiteCancel = new List<string>();
        var failures = new List<string>();
        var insertsCancelledAt = new Dictionary<int, long>();

        async Task OneCall(int index, Random random, Canceller canceller)
        {
            var call = (Call)(index % 3);
            await using var conn = await engine.ConnectAsync();
            using var cancel = new CancellationTokenSource();
            long cancelledAt = 0;
            // The flag is set before any callback runs, so this time is never earlier than the moment the call could see it.
            using var stamp = cancel.Token.UnsafeRegister(_ => Volatile.Write(ref cancelledAt, Now()), null);
            var moment = random.Next(10);
            // One call in ten has its token cancelled before it starts; the others from another thread, after a spin of up to
            // 0.3 ms or a sleep of a millisecond: before, while and after the statement goes out, and after it ended.
            var cancelled = moment == 0
                ? cancel.CancelAsync()
                : canceller.Cancel(cancel, sleep: moment >= 8, spin: TimeSpan.FromMicroseconds(random.Next(300)));
            // Most statements take a millisecond; one in ten takes 30, which outlasts the wait before a cancel is sent.
            var pause = random.Next(10) == 0 ? 30 : 1;
            long? ended = null;
            try
            {
                switch (call)
                {
                    case Call.Rows:
                        ended = (await conn.ExecuteAsync(rows, new { pause }, cancel.Token)).FetchAll()[^1].Get<long>("at");
                        break;
                    case Call.NoRows:
                        await conn.ExecuteAsync(insert, new { n = index, pause }, cancel.Token);
                        ended = long.MaxValue;
                        break;
                    default:
                        await using (var stream = await conn.StreamAsync(rows, new { pause }, cancel.Token))
                        {
                            long last = 0;
                            await foreach (var row in stream)
                                last = row.Get<long>("at");
                            ended = last;
                        }
                        break;
                }
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref cancelledCalls);
            }
            catch (Exception e)
            {
                lock (failures)
                    failures.Add($"call {index} ({call}): {e.GetType().Name}: {e.Message}");
            }
            await cancelled;
            var at = Volatile.Read(ref cancelledAt);
            if (ended is { } end)
            {
                if (call == Call.NoRows)
                {
                    // When its row was written is known once it is committed, below.
                    lock (insertsCancelledAt)
                        insertsCancelledAt.Add(index, at);
                }
                else if (at < end)
                {
                    lock (completedDespiteCancel)
                        completedDespiteCancel.Add($"call {index} ({call}), cancelled {end - at} µs before its statement ended");
                }
                else
                {
                    Interlocked.Increment(ref completedFirst);
                }
            }
            // Whatever the call left behind must never commit a write it reported as cancelled.
            try
            {
                await conn.CommitAsync();
            }
            catch (InvalidOperationException)
            {
                await conn.RollbackAsync();
            }
        }

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, flows).Select(flow => Task.Run(async () =>
        {
            var random = new Random(seed + flow);
            using var canceller = new Canceller();
            for (var i = flow; i < calls; i += flows)
                await OneCall(i, random, canceller);
        })));
        clock.Stop();

        // A committed row is an INSERT that completed: it must be one the caller was told of, and, like the rest, it must
        // have ended before its token was cancelled.
        await using (var check = await engine.ConnectAsync())
        {
            foreach (var row in (await check.ExecuteAsync(Text($"SELECT n, at FROM {table}"))).FetchAll())
            {
                var index = row.Get<int>("n");
                Assert.True(insertsCancelledAt.TryGetValue(index, out var at), $"call {index} reported cancelled, but its INSERT was committed");
                if (at < row.Get<long>("at"))
                    completedDespiteCancel.Add($"call {index} (NoRows), cancelled {row.Get<long>("at") - at} µs before its statement ended");
                else
                    completedFirst++;
            }
            Assert.Equal(insertsCancelledAt.Count, (await check.ExecuteAsync(Text($"SELECT count(*) FROM {table}"))).Scalar<int>());
        }
        var byCall = string.Join(", ", Enum.GetValues<Call>().Select(c => $"{completedDespiteCancel.Count(d => d.Contains($"({c})", StringComparison.Ordinal))} {c}"));
        var summary = $"seed {seed}: {cancelledCalls} cancelled, {completedDespiteCancel.Count} completed despite a cancel ({byCall}), {completedFirst} " +
            $"completed before the cancel, {failures.Count} failed otherwise, in {clock.Elapsed.TotalSeconds:F1} s";
        Assert.True(failures.Count == 0, summary + Environment.NewLine + string.Join(Environment.NewLine, failures.Take(10)));
        Assert.True(completedDespiteCancel.Count == 0, summary + Environment.NewLine + string.Join(Environment.NewLine, completedDespiteCancel.Take(10)));
        // Most cancels land while the call runs; those after it came too late to count.
        Assert.True(cancelledCalls > calls / 2, summary);
        Assert.Equal(0, engine.Pool.Status.CheckedOut);

        // Every pooled connection, checked out at once, is usable.
        var connections = new List<AsyncConnection>();
        for (var i = 0; i < flows; i++)
            connections.Add(await engine.ConnectAsync());
        foreach (var conn in connections)
        {
            Assert.Equal(7, await conn.ScalarAsync<int>(Text("SELECT 7")));
            await conn.CloseAsync();
        }
        Assert.Equal(0, engine.Pool.Status.CheckedOut);
    }

    /// <summary>The numbers 1 to <paramref name="count"/>, made by the database as they are read.</summary>
    private Framework.Sql.TextClause Series(long count) => Text(Db.IsPostgres
        ? $"SELECT generate_series(1, {count}) AS g"
        : $"WITH RECURSIVE c(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM c WHERE g < {count}) SELECT g FROM c");

    /// <summary>Acknowledges what a cancel ended with a rollback, then runs a statement: the connection is usable.</summary>
    protected static async Task RollBackAndUse(AsyncConnection conn, bool async)
    {
        await Rollback(conn, async);
        Assert.Equal(1, (await Execute(conn, async, Text("SELECT 1"))).Scalar<int>());
    }

    /// <summary>Microseconds since 1970 by the system clock, which the database's clock also reads.</summary>
    private static long Now() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;

    /// <summary>
    /// A thread of its own that cancels a token after a pause: a sleep of a millisecond or none, then a spin. Not the thread
    /// pool's: a cancel runs the driver's cancel request on the cancelling thread, and blocked pool threads would delay the calls.
    /// </summary>
    private sealed class Canceller : IDisposable
    {
        private readonly SemaphoreSlim _go = new(0);
        private readonly Thread _thread;
        private CancellationTokenSource? _target;
        private bool _sleep;
        private long _spin;
        private TaskCompletionSource? _done;
        private bool _stopped;

        public Canceller()
        {
            _thread = new Thread(Run) { IsBackground = true, Name = "canceller" };
            _thread.Start();
        }

        /// <summary>Cancels <paramref name="target"/> after the pause; the task completes once it is cancelled.</summary>
        public Task Cancel(CancellationTokenSource target, bool sleep, TimeSpan spin)
        {
            _target = target;
            _sleep = sleep;
            _spin = (long)(spin.TotalSeconds * Stopwatch.Frequency);
            _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _go.Release();
            return _done.Task;
        }

        private void Run()
        {
            while (true)
            {
                _go.Wait();
                if (_stopped)
                    return;
                if (_sleep)
                    Thread.Sleep(1);
                var until = Stopwatch.GetTimestamp() + _spin;
                while (Stopwatch.GetTimestamp() < until)
                    Thread.SpinWait(20);
                _target!.Cancel();
                _done!.SetResult();
            }
        }

        public void Dispose()
        {
            _stopped = true;
            _go.Release();
            _thread.Join();
            _go.Dispose();
        }
    }

    /// <summary>
    /// A statement returning rows and an INSERT, each waiting <c>:pause</c> milliseconds before it stamps the time the database ran it
    /// (the last row's <c>at</c>, the written row's): a call that completes although its token was cancelled before that time
    /// ran to completion despite the cancel. SQLite's wait and clock are functions of the test's; the clock reads the same
    /// system clock as the test's and PostgreSQL's.
    /// </summary>
    private (Framework.Sql.TextClause Rows, Framework.Sql.TextClause Insert) StampedStatements(AsyncEngine engine, string table)
    {
        if (Db.IsPostgres)
        {
            const string now = "(extract(epoch FROM clock_timestamp()) * 1000000)::bigint";
            const string sleep = "(SELECT pg_sleep(CAST(:pause AS integer) / 1000.0)) AS s";
            return (Text($"SELECT g, {now} AS at FROM {sleep}, generate_series(1, 20) AS g"),
                Text($"INSERT INTO {table} (n, at) SELECT :n, {now} FROM {sleep}"));
        }
        engine.SyncEngine.Events.Connect += e =>
        {
            var connection = (Microsoft.Data.Sqlite.SqliteConnection)e.DbConnection;
            connection.CreateFunction("now_us", Now, isDeterministic: false);
            connection.CreateFunction("pause_ms", (long ms) =>
            {
                Thread.Sleep((int)ms);
                return 1L;
            }, isDeterministic: false);
            // Thousands of one-row commits: what they test is not the disk's flush.
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous = OFF";
            command.ExecuteNonQuery();
        };
        // The pause is a millisecond at a time, so that an interrupt stops the statement between two of them.
        const string pauses = "WITH RECURSIVE p(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM p WHERE i <= :pause AND pause_ms(1) = 1)";
        return (Text($"{pauses}, c(g) AS (SELECT max(i) - :pause FROM p UNION ALL SELECT g + 1 FROM c WHERE g < 20) SELECT g, now_us() AS at FROM c"),
            Text($"INSERT INTO {table} (n, at) {pauses} SELECT :n, now_us() FROM p WHERE i = :pause + 1"));
    }
}

public sealed class SqliteCancellationTests(DatabaseFixture<SqliteDatabase> fixture) : CancellationTests<SqliteDatabase>(fixture);

public sealed class PostgresCancellationTests(DatabaseFixture<PostgresDatabase> fixture) : CancellationTests<PostgresDatabase>(fixture)
{
    [Theory, InlineData(false), InlineData(true)]
    public async Task A_statement_that_survives_its_first_cancel_is_cancelled_again(bool async)
    {
        var engine = CreateEngine(new() { PoolSize = 1, MaxOverflow = 0 });
        var conn = await Connect(engine, async);
        // What the server does with a cancel request that arrives before the query: nothing. Here the query swallows the first one.
        var stubborn = Text("DO $$ BEGIN BEGIN PERFORM pg_sleep(30); EXCEPTION WHEN query_canceled THEN NULL; END; PERFORM pg_sleep(30); END $$");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await conn.ExecuteAsync(stubborn, cancellationToken: cancel.Token));

        // Stopped on the server by the second cancel, not given up on: Npgsql breaks a connection whose server has not answered
        // its cancel request within two seconds, which would invalidate ours. Well before the 30 s sleep ends either way.
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));
        Assert.False(conn.IsInvalidated);
        await RollBackAndUse(conn, async);
        await Close(conn, async);
        Assert.Equal(0, engine.Pool.Status.CheckedOut);
    }
}
