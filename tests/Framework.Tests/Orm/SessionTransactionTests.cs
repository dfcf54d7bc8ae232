using Framework.Orm;
using Framework.Tests.Infrastructure;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Orm;

/// <summary>
/// Transaction handles and SAVEPOINTs of the session, streaming ORM results, ORM-enabled UPDATE and DELETE with
/// each synchronize strategy, populate-existing, DoOrmExecute and the scoped session; on SQLite and PostgreSQL, sync
/// and async.
/// </summary>
public abstract class SessionTransactionTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : OrmTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    private async Task<long> CountUsers(AsyncEngine engine)
    {
        await using var conn = await engine.ConnectAsync();
        return Convert.ToInt64(await conn.ScalarAsync(Text("select count(*) from orm_user")));
    }

    // A session holding ann (id 1) and bob (id 2), committed.
    private async Task<(AsyncEngine Engine, List<string> Sql, SessionFace Session)> AnnAndBob(bool async, SessionOptions? options = null)
    {
        var (engine, sql) = await Setup();
        var session = new SessionFace(engine, async, options);
        session.Add(User("ann"));
        session.Add(User("bob"));
        await session.Commit();
        return (engine, sql, session);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Begin_returns_a_handle_that_commits_and_rolls_back_when_disposed_uncommitted(bool async)
    {
        var (engine, _) = await Setup();
        await using var session = new SessionFace(engine, async);
        await using (var tx = await session.Begin())
        {
            session.Add(User("ann"));
            await tx.Commit();
            Assert.False(tx.IsActive);
        }
        await using (var tx = await session.Begin())
        {
            session.Add(User("bob"));
            await session.Flush();
            Assert.True(tx.IsActive);
        }

        Assert.Equal(1, await CountUsers(engine));
        var again = await session.Begin();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(session.Begin);
        Assert.Contains("A transaction is already begun on this Session", error.Message);
        await again.Rollback();
        var inactive = await Assert.ThrowsAsync<InvalidOperationException>(again.Commit);
        Assert.Contains("inactive", inactive.Message);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Committing_rolling_back_or_closing_from_inside_a_commit_is_an_illegal_state_change(bool async)
    {
        var (engine, _) = await Setup();
        await using var session = new SessionFace(engine, async);
        var tx = await session.Begin();
        session.Add(User("ann"));
        var refused = new List<IllegalStateChangeException>();
        var afterCommits = 0;
        session.Core.Events.BeforeCommit += e =>
        {
            refused.Add(Assert.Throws<IllegalStateChangeException>(e.Session.Commit));
            refused.Add(Assert.Throws<IllegalStateChangeException>(e.Session.Rollback));
            refused.Add(Assert.Throws<IllegalStateChangeException>(e.Session.Close));
            refused.Add(Assert.Throws<IllegalStateChangeException>(tx.Handle.Rollback));
        };
        session.Core.Events.AfterCommit += _ => afterCommits++;

        await tx.Commit();

        Assert.Equal(4, refused.Count);
        Assert.All(refused, e => Assert.Equal("FWK3005", e.Code));
        Assert.Contains("Commit() can't be called here", refused[0].Message);
        Assert.Contains("would move it to RolledBack", refused[1].Message);
        Assert.Contains("BeforeCommit", refused[2].Message);
        Assert.False(tx.IsActive);
        Assert.Equal(1, afterCommits);
        Assert.Equal(1, await CountUsers(engine));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Ending_a_savepoint_from_inside_its_own_commit_is_an_illegal_state_change(bool async)
    {
        var (engine, _) = await Setup();
        await using var session = new SessionFace(engine, async);
        session.Add(User("ann"));
        var savepoint = await session.BeginNested();
        session.Add(User("bob"));
        IllegalStateChangeException? refused = null;
        session.Core.Events.BeforeFlush += _ => refused ??= Assert.Throws<IllegalStateChangeException>(savepoint.Handle.Rollback);

        await savepoint.Commit();
        await session.Commit();

        Assert.NotNull(refused);
        Assert.Contains("SAVEPOINT is committing", refused.Message);
        Assert.False(savepoint.IsActive);
        Assert.Equal(2, await CountUsers(engine));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_commit_whose_flush_fails_leaves_its_transaction_active_for_the_rollback(bool async)
    {
        var (engine, _) = await Setup();
        await using (var setup = new SessionFace(engine, async))
        {
            setup.Add(new OrmPair { Left = 1, Right = "a", Value = "first" });
            await setup.Commit();
        }
        await using var session = new SessionFace(engine, async);
        var tx = await session.Begin();
        session.Add(new OrmPair { Left = 1, Right = "a", Value = "duplicate" });

        await Assert.ThrowsAsync<IntegrityException>(tx.Commit);

        Assert.True(tx.IsActive);
        await tx.Rollback();
        Assert.False(tx.IsActive);
        Assert.Contains("inactive", (await Assert.ThrowsAsync<InvalidOperationException>(tx.Commit)).Message);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Rolling_back_a_savepoint_undoes_only_what_happened_inside_it(bool async)
    {
        var (engine, _) = await Setup();
        await using var session = new SessionFace(engine, async);
        var ann = User("ann", "kept");
        session.Add(ann);
        await session.Commit();
        var bob = User("bob");
        session.Add(bob);

        var savepoint = await session.BeginNested();
        var cy = User("cy");
        session.Add(cy);
        await session.Flush();
        ann.Note = "changed in the savepoint";
        await session.Delete(bob);
        await session.Flush();
        await savepoint.Rollback();

        Assert.False(session.Contains(cy));
        Assert.False(((IMapped)cy).EntityState.Persistent);
        Assert.True(session.Contains(bob));
        Assert.False(ann.EntityStateLoaded("Note"));
        Assert.True(bob.EntityStateLoaded("Name"));
        await session.Refresh(ann);
        Assert.Equal("kept", ann.Note);
        await session.Commit();
        Assert.Equal(["ann", "bob"], (await session.All(Select<OrmUser>().OrderBy(u => u.Id))).Select(u => u.Name));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_failed_flush_inside_a_savepoint_rolls_back_only_the_savepoint(bool async)
    {
        var (engine, _) = await Setup();
        await using (var setup = new SessionFace(engine, async))
        {
            setup.Add(new OrmPair { Left = 1, Right = "a", Value = "first" });
            await setup.Commit();
        }
        await using var session = new SessionFace(engine, async);
        session.Add(User("ann"));

        await Assert.ThrowsAsync<IntegrityException>(() => session.BeginNested(() => session.Add(new OrmPair { Left = 1, Right = "a", Value = "duplicate" })));
        session.Add(User("bob"));
        await session.Commit();
        Assert.Equal(2, await CountUsers(engine));

        // With a handle: the session refuses work until the savepoint is rolled back, then goes on.
        var savepoint = await session.BeginNested();
        session.Add(new OrmPair { Left = 1, Right = "a", Value = "duplicate" });
        await Assert.ThrowsAsync<IntegrityException>(session.Flush);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => session.All(Select<OrmUser>()));
        Assert.Contains("SAVEPOINT has been rolled back due to a previous exception during flush", refused.Message);
        await savepoint.Rollback();
        session.Add(User("cy"));
        await session.Commit();
        Assert.Equal(3, await CountUsers(engine));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Streaming_makes_entities_through_the_identity_map_as_rows_arrive(bool async)
    {
        var (_, _, session) = await AnnAndBob(async);
        await using var owned = session;
        var ann = (await session.Get<OrmUser>(1))!;
        var names = new List<string>();
        var same = false;

        if (async)
        {
            await using var result = await session.Async!.StreamAsync(Select<OrmUser>().OrderBy(u => u.Id));
            await foreach (var user in result.Scalars())
            {
                same |= ReferenceEquals(user, ann);
                names.Add(user.Name);
                if (names.Count == 1)
                {
                    var busy = await Assert.ThrowsAsync<InvalidOperationException>(() => session.Async.GetAsync<OrmUser>(2).AsTask());
                    Assert.Contains("open streaming result", busy.Message);
                }
            }
            Assert.Equal("bob", (await (await session.Async.StreamScalarsAsync(Select<OrmUser>().Where(u => u.Id == 2))).OneAsync()).Name);
        }
        else
        {
            using var result = session.Sync!.Stream(Select<OrmUser>().OrderBy(u => u.Id));
            foreach (var user in result.Scalars())
            {
                same |= ReferenceEquals(user, ann);
                names.Add(user.Name);
            }
        }

        Assert.True(same);
        Assert.Equal(["ann", "bob"], names);
        Assert.Equal("bob", (await session.Get<OrmUser>(2))!.Name);
    }

    public static TheoryData<bool, SynchronizeSession> Strategies()
    {
        var data = new TheoryData<bool, SynchronizeSession>();
        foreach (var async in new[] { false, true })
        {
            foreach (var strategy in Enum.GetValues<SynchronizeSession>())
                data.Add(async, strategy);
        }
        return data;
    }

    [Theory, MemberData(nameof(Strategies))]
    public async Task An_orm_update_synchronizes_the_instances_the_session_holds(bool async, SynchronizeSession strategy)
    {
        var (_, sql, session) = await AnnAndBob(async);
        await using var owned = session;
        var users = await session.All(Select<OrmUser>().OrderBy(u => u.Id));
        var (ann, bob) = (users[0], users[1]);
        sql.Clear();

        var matched = await session.Execute(
            Update<OrmUser>().Where(u => u.Name == "ann").Set(u => u.Note, "bulk").Set(u => u.Version, u => u.Version + 10), strategy);

        Assert.Equal(1, matched);
        var update = Assert.Single(sql);
        Assert.Equal(strategy is SynchronizeSession.Auto or SynchronizeSession.Fetch, update.Contains("RETURNING", StringComparison.Ordinal));
        if (strategy == SynchronizeSession.None)
        {
            Assert.Null(ann.Note);
            Assert.Equal(1, ann.Version);
        }
        else
        {
            Assert.Equal("bulk", ann.Note);
            Assert.Equal(11, ann.Version);
            Assert.False(session.IsModified(ann));
        }
        Assert.Null(bob.Note);
        Assert.Empty(session.Dirty);
        // The instance's version follows the row's, so the unit of work's next UPDATE matches it.
        if (strategy != SynchronizeSession.None)
        {
            ann.Name = "anna";
            await session.Commit();
        }
    }

    [Theory, MemberData(nameof(Strategies))]
    public async Task An_orm_delete_takes_the_deleted_rows_instances_out_of_the_identity_map(bool async, SynchronizeSession strategy)
    {
        var (engine, _, session) = await AnnAndBob(async);
        await using var owned = session;
        var users = await session.All(Select<OrmUser>().OrderBy(u => u.Id));

        var matched = await session.Execute(Delete<OrmUser>().Where(u => u.Name == "ann"), strategy);

        Assert.Equal(1, matched);
        Assert.Equal(strategy != SynchronizeSession.None, !session.Contains(users[0]));
        Assert.True(session.Contains(users[1]));
        Assert.Equal(["bob"], (await session.All(Select<OrmUser>())).Select(u => u.Name));
        await session.Rollback();
        Assert.True(session.Contains(users[0]));
        Assert.Equal(2, await CountUsers(engine));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Evaluate_refuses_core_conditions_and_expires_what_it_cannot_evaluate(bool async)
    {
        var (engine, _) = await Setup();
        await using var session = new SessionFace(engine, async);
        session.Add(User("ann"));
        await session.Commit();
        var ann = (await session.Get<OrmUser>(1))!;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            session.Execute(Update<OrmUser>().Where(HandModel.User.Table.C["name"] == "ann").Set(u => u.Note, "x"), SynchronizeSession.Evaluate));
        Assert.Contains("SynchronizeSession.Evaluate cannot evaluate a Core condition", error.Message);

        session.Expire(ann);
        await session.Execute(Update<OrmUser>().Where(u => u.Name == "ann").Set(u => u.Note, "evaluated"), SynchronizeSession.Evaluate);
        Assert.False(ann.EntityStateLoaded("Note"));
        await session.Refresh(ann);
        Assert.Equal("evaluated", ann.Note);
        Assert.Throws<ArgumentException>(() => Update<OrmUser>().Set(u => u.Id, 5));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Populate_existing_overwrites_what_the_identity_map_holds(bool async)
    {
        var (engine, _) = await Setup();
        await using var session = new SessionFace(engine, async, new SessionOptions { ExpireOnCommit = false });
        session.Add(User("ann", "old"));
        await session.Commit();
        var ann = (await session.Get<OrmUser>(1))!;
        await session.Commit();
        await using (var other = await engine.ConnectAsync())
        {
            await other.ExecuteAsync(HandModel.User.Table.Update().Values(new { note = "new" }));
            await other.CommitAsync();
        }

        await session.All(Select<OrmUser>());
        Assert.Equal("old", ann.Note);
        await session.All(Select<OrmUser>().PopulateExisting());
        Assert.Equal("new", ann.Note);
    }

    [Fact]
    public async Task DoOrmExecute_can_add_criteria_to_every_query_and_ask_for_populate_existing()
    {
        var (engine, _) = await Setup();
        await using var session = new AsyncSession(engine, new SessionOptions { ExpireOnCommit = false });
        session.AddAll([User("ann", "old"), User("hidden")]);
        await session.CommitAsync();
        var ann = (await session.GetAsync<OrmUser>(1))!;
        await session.CommitAsync();
        await using (var other = await engine.ConnectAsync())
        {
            await other.ExecuteAsync(HandModel.User.Table.Update().Values(new { note = "new" }));
            await other.CommitAsync();
        }
        var seen = new List<string>();
        session.SyncSession.Events.DoOrmExecute += e =>
        {
            seen.Add(e.IsSelect ? "select" : e.IsUpdate ? "update" : e.IsDelete ? "delete" : "?");
            if (e.Statement is Select<OrmUser> select)
            {
                e.Statement = select.Where(u => u.Name != "hidden");
                e.PopulateExisting = true;
            }
        };

        var all = await session.ScalarsAsync(Select<OrmUser>());
        var hidden = await session.GetAsync<OrmUser>(2, populateExisting: true);
        await session.ExecuteAsync(Delete<OrmUser>().Where(u => u.Name == "nobody"));

        Assert.Same(ann, Assert.Single(all.All()));
        Assert.Equal("new", ann.Note);
        Assert.Null(hidden);
        Assert.Equal(["select", "select", "delete"], seen);
        session.SyncSession.Events.DoOrmExecute += e => e.Statement = Text("select 1");
        var wrongType = await Assert.ThrowsAsync<ArgumentException>(() => session.ScalarsAsync(Select<OrmUser>()).AsTask());
        Assert.Contains("only with one of the same type (Select<OrmUser>), not a TextClause", wrongType.Message);
    }

    [Fact]
    public async Task A_scoped_session_gives_each_scope_its_own_session_and_RemoveAsync_closes_it()
    {
        var (engine, _) = await Setup();
        object? scope = new object();
        var scoped = new AsyncScopedSession(new AsyncSessionMaker(engine), scopeFunc: () => scope);

        var first = scoped.Current;
        scoped.Add(User("ann"));
        await scoped.CommitAsync();
        Assert.Same(first, scoped.Current);
        var ann = (await scoped.GetAsync<OrmUser>(1))!;
        var other = scope;
        scope = new object();
        Assert.NotSame(first, scoped.Current);
        Assert.False(scoped.Current.Contains(ann));
        scope = other;
        Assert.True(scoped.Contains(ann));

        await scoped.RemoveAsync();
        Assert.False(scoped.HasSession);
        Assert.False(first.Contains(ann));
        Assert.NotSame(first, scoped.Current);

        scope = null;
        Assert.Contains("returned null: there is no current scope", Assert.Throws<InvalidOperationException>(() => scoped.Current).Message);
        scope = 42;
        Assert.Contains("a value", Assert.Throws<InvalidOperationException>(() => scoped.Current).Message);
    }
}

public sealed class SqliteSessionTransactionTests(DatabaseFixture<SqliteDatabase> fixture) : SessionTransactionTests<SqliteDatabase>(fixture);

public sealed class PostgresSessionTransactionTests(DatabaseFixture<PostgresDatabase> fixture) : SessionTransactionTests<PostgresDatabase>(fixture);
