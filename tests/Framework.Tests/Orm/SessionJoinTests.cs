using System.Data;
using Framework.Orm;
using Framework.Tests.Infrastructure;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Orm;

/// <summary>
/// A session bound to the caller's connection under each JoinTransactionMode (SQLAlchemy 2.0's join_transaction_mode),
/// the transaction handles a session reports, isolation levels chosen per session and per transaction, the
/// transaction-block rule, Info, and rolling back rows inserted and deleted in one transaction; on SQLite and
/// PostgreSQL, sync and async.
/// </summary>
public abstract class SessionJoinTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : OrmTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    private static async Task<long> CountUsers(AsyncConnection conn) => Convert.ToInt64(await conn.ScalarAsync(Text("select count(*) from orm_user")));

    private static async Task<long> CountUsers(AsyncEngine engine)
    {
        await using var conn = await engine.ConnectAsync();
        return await CountUsers(conn);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_test_inside_an_outer_transaction_sees_the_sessions_commits_and_its_rollback_removes_everything(bool async)
    {
        var (engine, _) = await Setup();
        await using (var conn = await engine.ConnectAsync())
        {
            await using var outer = await conn.BeginAsync();
            await using (var session = new SessionFace(conn, async, new() { JoinTransactionMode = JoinTransactionMode.CreateSavepoint }))
            {
                session.Add(User("ann"));
                await session.Commit();
                Assert.True(outer.IsActive);
                Assert.False(session.InTransaction);
                session.Add(User("bob"));
                await session.Commit();
                // The code under test committed twice; its rows are there for the rest of the test.
                Assert.Equal(2, await CountUsers(conn));
                session.Add(User("cy"));
                await session.Flush();
                await session.Rollback();
                Assert.Equal(2, await CountUsers(conn));
                Assert.True(outer.IsActive);
            }
            Assert.False(conn.IsClosed);
            await outer.RollbackAsync();
        }
        Assert.Equal(0, await CountUsers(engine));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Conservative_savepoint_never_commits_the_callers_transaction_and_its_rollback_rolls_that_back(bool async)
    {
        var (engine, _) = await Setup();
        await using var conn = await engine.ConnectAsync();
        var outer = await conn.BeginAsync();
        await using var session = new SessionFace(conn, async);
        session.Add(User("ann"));
        await session.Commit();

        // Joined as RollbackOnly: the commit flushed, and the caller's transaction is still the caller's to end.
        Assert.True(conn.InTransaction);
        Assert.Equal(0, await CountUsers(engine));
        session.Add(User("bob"));
        await session.Flush();
        await session.Rollback();
        Assert.False(conn.InTransaction);
        // The caller's own rollback of what the session already rolled back does nothing, as in SQLAlchemy.
        await outer.RollbackAsync();
        Assert.Equal(0, await CountUsers(engine));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Conservative_savepoint_inside_a_callers_savepoint_works_in_a_savepoint_of_its_own(bool async)
    {
        var (engine, _) = await Setup();
        await using var conn = await engine.ConnectAsync();
        await conn.BeginAsync();
        var callers = await conn.BeginNestedAsync();
        await using (var session = new SessionFace(conn, async))
        {
            session.Add(User("ann"));
            await session.Commit();
            session.Add(User("bob"));
            await session.Flush();
            await session.Rollback();
        }
        Assert.True(callers.IsActive);
        Assert.Equal(1, await CountUsers(conn));
        await conn.CommitAsync();
        Assert.Equal(1, await CountUsers(engine));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Control_fully_commits_the_callers_transaction_and_closing_rolls_it_back(bool async)
    {
        var (engine, _) = await Setup();
        await using var conn = await engine.ConnectAsync();
        await conn.BeginAsync();
        var options = new SessionOptions { JoinTransactionMode = JoinTransactionMode.ControlFully };
        await using (var session = new SessionFace(conn, async, options))
        {
            session.Add(User("ann"));
            await session.Commit();
        }
        Assert.False(conn.InTransaction);
        Assert.Equal(1, await CountUsers(engine));

        await conn.BeginAsync();
        await using (var session = new SessionFace(conn, async, options))
        {
            session.Add(User("bob"));
            await session.Flush();
            await session.Close();
        }
        Assert.False(conn.InTransaction);
        Assert.Equal(1, await CountUsers(engine));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Rollback_only_leaves_the_callers_transaction_alone_when_the_session_closes(bool async)
    {
        var (engine, _) = await Setup();
        await using var conn = await engine.ConnectAsync();
        var outer = await conn.BeginAsync();
        var ann = User("ann");
        await using (var session = new SessionFace(conn, async, new() { JoinTransactionMode = JoinTransactionMode.RollbackOnly }))
        {
            session.Add(ann);
            await session.Flush();
            await session.BeginNested();
            session.Add(User("bob"));
            await session.Flush();
            await session.Close();
        }
        // Closing ended only the session's own savepoint: ann is still in the caller's transaction, bob is gone.
        Assert.True(outer.IsActive);
        Assert.True(Inspection.Inspect(ann).IsDetached);
        Assert.Equal([ann.Id], Inspection.Inspect(ann).Identity!);
        Assert.Equal(1, await CountUsers(conn));
        await outer.CommitAsync();
        Assert.Equal(1, await CountUsers(engine));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_session_bound_to_a_connection_without_a_transaction_owns_the_one_it_begins_and_never_closes_the_connection(bool async)
    {
        var (engine, _) = await Setup();
        await using var conn = await engine.ConnectAsync();
        await using (var session = new SessionFace(conn, async))
        {
            session.Add(User("ann"));
            await session.Commit();
            Assert.False(conn.InTransaction);
            session.Add(User("bob"));
            await session.Flush();
        }
        Assert.False(conn.IsClosed);
        Assert.False(conn.InTransaction);
        Assert.Equal(1, await CountUsers(engine));
        Assert.Equal(1, await CountUsers(conn));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_session_ends_only_the_transaction_it_began_not_one_the_caller_began_after_ending_it(bool async)
    {
        var (engine, _) = await Setup();
        await using var conn = await engine.ConnectAsync();
        await using (var session = new SessionFace(conn, async))
        {
            session.Add(User("ann"));
            await session.Flush();
            await conn.CommitAsync();
            await conn.ExecuteAsync(Text("insert into orm_user (name, created, version) values ('bob', CURRENT_TIMESTAMP, 1)"));
            await session.Close();
        }
        Assert.True(conn.InTransaction);
        await conn.CommitAsync();
        Assert.Equal(2, await CountUsers(engine));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task The_session_reports_its_transaction_and_savepoint_handles_begun_explicitly_or_by_autobegin(bool async)
    {
        var (engine, _) = await Setup();
        await using var session = new SessionFace(engine, async);
        Assert.Null(session.GetTransaction());
        Assert.Null(session.GetNestedTransaction());
        Assert.False(session.InNestedTransaction);

        await session.Scalar(Text("select 1"));
        var autobegun = session.GetTransaction();
        Assert.NotNull(autobegun);
        Assert.True(autobegun.IsActive);
        Assert.False(autobegun.IsNested);

        var savepoint = await session.BeginNested();
        Assert.True(session.InNestedTransaction);
        Assert.Same(savepoint.Handle, session.GetNestedTransaction()!.Handle);
        Assert.Same(autobegun.Handle, session.GetTransaction()!.Handle);
        session.Add(User("ann"));
        await savepoint.Commit();
        Assert.False(session.InNestedTransaction);
        Assert.Null(session.GetNestedTransaction());

        await autobegun.Commit();
        Assert.Null(session.GetTransaction());
        Assert.Equal(1, await CountUsers(engine));

        var explicitly = await session.Begin();
        Assert.Same(explicitly.Handle, session.GetTransaction()!.Handle);
        await explicitly.Rollback();
    }

    // What the database reports as the transaction's isolation: SQLite grants READ UNCOMMITTED only to shared-cache connections.
    private (AsyncEngine Engine, IsolationLevel Level, string Query, object Expected) IsolationProbe() =>
        (CreateEngine(url: Db.IsPostgres ? DatabaseUrl : DatabaseUrl + "?cache=shared"),
            Db.IsPostgres ? IsolationLevel.Serializable : IsolationLevel.ReadUncommitted,
            Db.IsPostgres ? "SHOW transaction_isolation" : "PRAGMA read_uncommitted",
            Db.IsPostgres ? "serializable" : 1L);

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_session_wide_isolation_level_applies_before_each_transactions_first_statement(bool async)
    {
        var (engine, level, query, expected) = IsolationProbe();
        await using var session = new SessionFace(engine, async, new() { ExecutionOptions = new() { IsolationLevel = level } });

        Assert.Equal(expected, await session.Scalar(Text(query)));
        await session.Commit();
        Assert.Equal(expected, await session.Scalar(Text(query)));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_transactions_isolation_level_is_given_when_it_begins_and_refused_once_it_has(bool async)
    {
        var (engine, level, query, expected) = IsolationProbe();
        var options = new ExecutionOptions { IsolationLevel = level };
        if (async)
        {
            await using var session = new AsyncSession(engine);
            await using (var tx = await session.BeginAsync(options))
                Assert.Equal(expected, await session.ScalarAsync(Text(query)));
            var conn = await session.ConnectionAsync(options);
            Assert.Equal(expected, await conn.ScalarAsync(Text(query)));
            var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await session.ConnectionAsync(options));
            Assert.Contains("has already begun", error.Message);
            // The next transaction is the session's usual one again.
            await session.CommitAsync();
            Assert.NotEqual(expected, await session.ScalarAsync(Text(query)));
        }
        else
        {
            using var session = new Session(engine.SyncEngine);
            using (var tx = session.Begin(options))
                Assert.Equal(expected, session.Scalar(Text(query)));
            Assert.Equal(expected, session.Connection(options).Scalar(Text(query)));
            Assert.Contains("has already begun", Assert.Throws<InvalidOperationException>(() => session.Connection(options)).Message);
            session.Commit();
            Assert.NotEqual(expected, session.Scalar(Text(query)));
        }
    }

    [Fact]
    public void A_session_refuses_autocommit_as_an_execution_option()
    {
        var engine = CreateEngine();
        var error = Assert.Throws<ArgumentException>(() => new AsyncSession(engine, new() { ExecutionOptions = new() { Autocommit = true } }));
        Assert.Contains("always works in a transaction", error.Message);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_statement_after_the_blocks_transaction_was_ended_by_hand_is_refused(bool async)
    {
        var (engine, _) = await Setup();
        await using var session = new SessionFace(engine, async);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            if (async)
            {
                await session.Async!.BeginAsync(async () =>
                {
                    session.Add(User("ann"));
                    await session.Async.CommitAsync();
                    await session.Async.ScalarAsync(Text("select count(*) from orm_user"));
                });
            }
            else
            {
                session.Sync!.Begin(() =>
                {
                    session.Add(User("ann"));
                    session.Sync.Commit();
                    session.Sync.Scalar(Text("select count(*) from orm_user"));
                });
            }
        });
        Assert.StartsWith("Can't operate on closed transaction inside context manager", error.Message);
        Assert.Equal(1, await CountUsers(engine));
        // After the block, the session begins transactions as usual.
        Assert.Equal(1L, Convert.ToInt64(await session.Scalar(Text("select count(*) from orm_user"))));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_connection_statement_after_the_blocks_transaction_was_ended_by_hand_is_refused(bool async)
    {
        var engine = CreateEngine();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            if (async)
            {
                await engine.BeginAsync(async conn =>
                {
                    await conn.CommitAsync();
                    await conn.ExecuteAsync(Text("select 1"));
                });
            }
            else
            {
                engine.SyncEngine.Begin(conn =>
                {
                    conn.Rollback();
                    conn.Begin().Dispose();
                });
            }
        });
        Assert.StartsWith("Can't operate on closed transaction inside context manager", error.Message);
        Assert.Equal(0, engine.Pool.Status.CheckedOut);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Rolling_back_an_instance_added_and_deleted_in_one_transaction_leaves_it_transient(bool async)
    {
        var (engine, _) = await Setup();
        await using var session = new SessionFace(engine, async);
        var kept = User("kept");
        session.Add(kept);
        await session.Commit();

        // Added then deleted before any flush.
        var ann = User("ann");
        session.Add(ann);
        await session.Delete(ann);
        await session.Rollback();
        Assert.False(session.Contains(ann));

        // Added, flushed, deleted, flushed: the rollback must not try to bring back a row it also un-inserts.
        var bob = User("bob");
        session.Add(bob);
        await session.Flush();
        await session.Delete(bob);
        await session.Flush();
        await session.Rollback();
        Assert.False(session.Contains(bob));
        Assert.False(((IMapped)bob).EntityState.Persistent);

        // The same inside a savepoint, and then the session's close.
        var savepoint = await session.BeginNested();
        var cy = User("cy");
        session.Add(cy);
        await session.Flush();
        await session.Delete(cy);
        await session.Flush();
        await savepoint.Rollback();
        Assert.False(session.Contains(cy));
        var dee = User("dee");
        session.Add(dee);
        await session.Flush();
        await session.Delete(dee);
        await session.Flush();
        await session.Close();

        Assert.Equal(1, await CountUsers(engine));
        Assert.Equal("kept", (await session.Get<OrmUser>(kept.Id))!.Name);
    }

    [Fact]
    public async Task Info_is_a_dictionary_of_the_sessions_own()
    {
        var engine = CreateEngine();
        await using var session = new AsyncSession(engine);
        await using var other = new AsyncSession(engine);
        session.Info["request"] = 42;
        Assert.Equal(42, session.SyncSession.Info["request"]);
        Assert.Empty(other.Info);
        await session.CloseAsync();
        Assert.Equal(42, session.Info["request"]);
    }

    [Fact]
    public async Task A_session_maker_takes_every_session_option_and_binds_to_a_connection()
    {
        var (engine, _) = await Setup();
        var maker = new AsyncSessionMaker(engine, new SessionOptions { ExpireOnCommit = false, JoinTransactionMode = JoinTransactionMode.CreateSavepoint });
        await using var conn = await engine.ConnectAsync();
        await using var outer = await conn.BeginAsync();
        await using (var session = maker.Create(conn))
        {
            var ann = User("ann");
            session.Add(ann);
            await session.CommitAsync();
            Assert.Equal("ann", ann.Name);
        }
        await outer.RollbackAsync();
        Assert.Equal(0, await CountUsers(engine));
    }
}

public sealed class SqliteSessionJoinTests(DatabaseFixture<SqliteDatabase> fixture) : SessionJoinTests<SqliteDatabase>(fixture);

public sealed class PostgresSessionJoinTests(DatabaseFixture<PostgresDatabase> fixture) : SessionJoinTests<PostgresDatabase>(fixture);
