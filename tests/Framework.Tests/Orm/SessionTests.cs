using Framework.Orm;
using Framework.Tests.Infrastructure;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Orm;

/// <summary>
/// The unit of work on SQLite and PostgreSQL, through the async session and the standalone sync session: identity
/// map, autoflush, flush of inserts, updates and deletes, the failed-flush state, expiry and LazyLoadException,
/// eager defaults, optimistic concurrency, concurrent use.
/// </summary>
public abstract class SessionTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : OrmTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    [Theory, InlineData(false), InlineData(true)]
    public async Task Commit_inserts_in_order_and_the_identity_map_returns_the_same_instance_without_sql(bool async)
    {
        var (engine, sql) = await Setup();
        await using (var session = new SessionFace(engine, async))
        {
            session.Add(User("ann"));
            session.Add(User("bob", "x"));
            await session.Commit();
        }
        Assert.Single(sql, s => s.StartsWith("INSERT INTO orm_user", StringComparison.Ordinal));

        await using var reader = new SessionFace(engine, async);
        var users = await reader.All(Select<OrmUser>().OrderBy(u => u.Id));
        sql.Clear();
        var again = await reader.Get<OrmUser>(users[1].Id);

        Assert.Equal(["ann", "bob"], users.Select(u => u.Name));
        Assert.Equal([1, 2], users.Select(u => u.Id));
        Assert.Same(users[1], again);
        Assert.Empty(sql);
        Assert.Same(users[0], (await reader.All(Select<OrmUser>().Where(u => u.Name == "ann")))[0]);
        Assert.Null(await reader.Get<OrmUser>(99));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Autoflush_makes_a_pending_instance_visible_to_its_own_query(bool async)
    {
        var (engine, _) = await Setup();
        await using var session = new SessionFace(engine, async);
        var cy = User("cy");
        session.Add(cy);

        var found = await session.All(Select<OrmUser>().Where(u => u.Name.StartsWith("c")));

        Assert.Same(cy, Assert.Single(found));
        Assert.Empty(session.New);
        await session.Rollback();
        Assert.Empty(await session.All(Select<OrmUser>()));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task After_a_failed_flush_only_rollback_is_allowed(bool async)
    {
        var (engine, _) = await Setup();
        await using var session = new SessionFace(engine, async);
        session.Add(User("ok"));
        session.Add(new OrmUser { Name = null! });

        await Assert.ThrowsAsync<IntegrityException>(session.Flush);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => session.All(Select<OrmUser>()));
        var refusedCommit = await Assert.ThrowsAsync<InvalidOperationException>(session.Commit);
        await session.Rollback();

        Assert.Contains("rolled back due to a previous exception during flush", refused.Message);
        Assert.Contains("first issue RollbackAsync()", refusedCommit.Message);
        Assert.Empty(await session.All(Select<OrmUser>()));
        session.Add(User("again"));
        await session.Commit();
        Assert.Equal("again", Assert.Single(await session.All(Select<OrmUser>())).Name);
    }

    [Fact]
    public async Task An_expired_attribute_throws_outside_RunSyncAsync_and_loads_inside_it_or_with_AwaitableAttrs()
    {
        var (engine, sql) = await Setup();
        await using var session = new AsyncSession(engine);
        var ann = User("ann", "first");
        session.Add(ann);
        await session.CommitAsync();

        var error = Assert.Throws<LazyLoadException>(() => ann.Note);
        var inside = await session.RunSyncAsync(_ => ann.Note);
        session.Expire(ann);
        sql.Clear();
        var awaited = await ann.AwaitableAttrs.Note;
        var again = await ann.AwaitableAttrs.Note;

        Assert.Equal("OrmUser.Note is not loaded (expired). Reload it with await session.RefreshAsync(o), load it with await o.AwaitableAttrs.Note, " +
            "or touch it inside session.RunSyncAsync(...).", error.Message);
        Assert.Equal("first", inside);
        Assert.Equal("first", awaited);
        Assert.Equal("first", again);
        Assert.Single(sql);
        Assert.Equal("ann", ann.Name);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task The_standalone_sync_session_loads_expired_attributes_when_read(bool async)
    {
        var (engine, _) = await Setup();
        await using var session = new SessionFace(engine, async);
        var ann = User("ann", "n");
        session.Add(ann);
        await session.Commit();

        if (async)
            Assert.Throws<LazyLoadException>(() => ann.Name);
        else
            Assert.Equal("ann", ann.Name);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Eager_defaults_are_readable_after_flush_with_no_extra_select_and_other_server_defaults_are_expired(bool async)
    {
        var (engine, sql) = await Setup();
        await using var session = new SessionFace(engine, async);
        var stamp = new OrmStamp { Label = "a" };
        var user = User("ann");
        session.Add(stamp);
        session.Add(user);
        await session.Flush();
        var statements = sql.Count;

        Assert.Equal("plain", stamp.Kind);
        Assert.Equal(1, stamp.Id);
        Assert.Equal(statements, sql.Count);
        Assert.Contains(sql, s => s.Contains("RETURNING orm_stamp.id, orm_stamp.kind", StringComparison.Ordinal));
        if (async)
        {
            Assert.Throws<LazyLoadException>(() => user.Created);
            Assert.False(user.EntityStateLoaded(nameof(OrmUser.Created)));
            Assert.True(await user.AwaitableAttrs.Created > DateTime.MinValue);
        }
        else
            Assert.True(user.Created > DateTime.MinValue);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task An_update_carries_only_the_changed_columns_and_a_delete_removes_the_row(bool async)
    {
        var (engine, sql) = await Setup();
        await using (var setup = new SessionFace(engine, async))
        {
            setup.Add(User("ann", "n1"));
            setup.Add(User("bob", "n2"));
            await setup.Commit();
        }
        await using var session = new SessionFace(engine, async);
        var users = await session.All(Select<OrmUser>().OrderBy(u => u.Id));
        users[0].Note = "changed";
        users[1].Name = users[1].Name;   // set to the same value: no UPDATE
        Assert.True(session.IsModified(users[0]));
        Assert.False(session.IsModified(users[1]));
        Assert.Equal(2, session.Dirty.Count());
        sql.Clear();
        await session.Flush();

        var update = Assert.Single(sql);
        Assert.StartsWith("UPDATE orm_user SET note=", update.Replace(" = ", "=", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("name", update, StringComparison.Ordinal);
        Assert.Equal(2, users[0].Version);

        await session.Delete(users[1]);
        Assert.Same(users[1], Assert.Single(session.Deleted));
        await session.Commit();
        await using var check = new SessionFace(engine, async);
        var left = Assert.Single(await check.All(Select<OrmUser>()));
        Assert.Equal(("ann", "changed", 2), (left.Name, left.Note, left.Version));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_version_conflict_raises_StaleDataException(bool async)
    {
        var (engine, _) = await Setup();
        await using (var setup = new SessionFace(engine, async))
        {
            setup.Add(User("ann"));
            await setup.Commit();
        }
        // Committing without expiring ends the read's transaction, so SQLite lets the other connection write.
        await using var session = new SessionFace(engine, async, new SessionOptions { ExpireOnCommit = false });
        var ann = (await session.Get<OrmUser>(1))!;
        await session.Commit();
        await using (var other = await engine.ConnectAsync())
        {
            await other.ExecuteAsync(HandModel.User.Table.Update().Values(new { version = 7 }));
            await other.CommitAsync();
        }
        ann.Note = "mine";

        var error = await Assert.ThrowsAsync<StaleDataException>(session.Flush);

        Assert.Contains("UPDATE statement on table 'orm_user' expected to update 1 row(s); 0 were matched", error.Message);
        await session.Rollback();
    }

    [Fact]
    public async Task Concurrent_use_of_one_session_is_detected()
    {
        var (engine, _) = await Setup();
        await using var session = new AsyncSession(engine);
        using var entered = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        engine.SyncEngine.Events.BeforeExecute += _ =>
        {
            entered.Release();
            release.Wait();
        };
        Task first;
        // An independent flow, as another request sharing the session would be.
        using (ExecutionContext.SuppressFlow())
            first = Task.Run(async () => await session.ExecuteAsync(Text("select 1")));
        await entered.WaitAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => session.GetAsync<OrmUser>(1).AsTask());
        release.Release();
        await first;

        Assert.Contains("already running Execute() while Get() was called", error.Message);
        Assert.Contains("one session per flow", error.Message);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Rollback_expunges_pending_instances_and_expires_persistent_ones(bool async)
    {
        var (engine, _) = await Setup();
        await using var session = new SessionFace(engine, async);
        var ann = User("ann");
        session.Add(ann);
        await session.Commit();
        var bob = User("bob");
        session.Add(bob);
        await session.Flush();
        ann.Note = "unsaved";

        await session.Rollback();

        Assert.Empty(session.New);
        Assert.False(((IMapped)bob).EntityState.Persistent);
        Assert.Empty(await session.All(Select<OrmUser>().Where(u => u.Name == "bob")));
        await session.Refresh(ann);
        Assert.Null(ann.Note);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_flush_sends_one_update_per_set_of_changed_columns_and_a_changed_key_moves_the_instance(bool async)
    {
        var (engine, sql) = await Setup();
        await using (var setup = new SessionFace(engine, async))
        {
            setup.Add(User("ann"));
            setup.Add(User("bob"));
            setup.Add(User("cy"));
            await setup.Commit();
        }
        await using var session = new SessionFace(engine, async);
        var users = await session.All(Select<OrmUser>().OrderBy(u => u.Id));
        users[0].Name = "ann 2";
        users[1].Name = "bob 2";
        users[2].Note = "moved";
        users[2].Id = 30;
        sql.Clear();

        await session.Flush();

        Assert.Equal(2, sql.Count(s => s.StartsWith("UPDATE orm_user", StringComparison.Ordinal)));
        sql.Clear();
        Assert.Same(users[2], await session.Get<OrmUser>(30));
        Assert.Same(users[0], await session.Get<OrmUser>(1));
        Assert.Empty(sql);
        Assert.Null(await session.Get<OrmUser>(3));
        await session.Commit();
        await using var reader = new SessionFace(engine, async);
        var stored = await reader.All(Select<OrmUser>().OrderBy(u => u.Id));
        Assert.Equal([(1, "ann 2", null), (2, "bob 2", null), (30, "cy", "moved")], stored.Select(u => (u.Id, u.Name, u.Note)));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Closing_the_session_detaches_its_instances_with_their_loaded_values(bool async)
    {
        var (engine, sql) = await Setup();
        await using (var setup = new SessionFace(engine, async))
        {
            setup.Add(User("ann", "x"));
            await setup.Commit();
        }
        OrmUser ann;
        await using (var session = new SessionFace(engine, async))
            ann = (await session.Get<OrmUser>(1))!;
        sql.Clear();

        // As SQLAlchemy's close(): the instance is detached, not expired, so what was loaded stays readable.
        Assert.Equal(("ann", "x"), (ann.Name, ann.Note));
        Assert.Null(((IMapped)ann).EntityState.Owner);
        await using var other = new SessionFace(engine, async);
        other.Add(ann);
        Assert.Same(ann, await other.Get<OrmUser>(1));
        Assert.Empty(other.Dirty);
        Assert.Empty(sql);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Composite_keys_merge_refresh_of_named_attributes_and_deferred_columns(bool async)
    {
        var (engine, sql) = await Setup();
        await using (var setup = new SessionFace(engine, async))
        {
            setup.Add(new OrmPair { Left = 1, Right = "a", Value = "one" });
            setup.Add(new OrmUser { Name = "ann", Bio = "long text" });
            await setup.Commit();
        }
        await using var session = new SessionFace(engine, async);
        var pair = await session.Get<OrmPair>(new object[] { 1, "a" });
        var merged = await session.Merge(new OrmPair { Left = 1, Right = "a", Value = "two" });
        var created = await session.Merge(new OrmPair { Left = 2, Right = "b", Value = "new" });
        Assert.Same(created, Assert.Single(session.New));
        var ann = Assert.Single(await session.All(Select<OrmUser>()));
        sql.Clear();

        Assert.Same(pair, merged);
        Assert.Equal("two", pair!.Value);
        Assert.Equal(async, !((IMapped)ann).EntityState.IsLoaded(4) && async);
        if (async)
        {
            var error = Assert.Throws<LazyLoadException>(() => ann.Bio);
            Assert.Contains("(deferred). Undefer it with .Options(Undefer<OrmUser>(o => o.Bio))", error.Message);
            Assert.Equal("long text", await ann.AwaitableAttrs.Bio);
            Assert.Contains("bio", Assert.Single(sql), StringComparison.Ordinal);
        }
        else
            Assert.Equal("long text", ann.Bio);
        // The merge's change was flushed by the query's autoflush; an unflushed change is discarded by the refresh.
        pair.Value = "three";
        await session.Refresh(pair, ["Value"]);
        Assert.Equal("two", pair.Value);
        Assert.False(session.IsModified(pair));
        await session.Commit();
        Assert.Equal("new", (await session.Get<OrmPair>(new object[] { 2, "b" }))!.Value);
    }

    [Fact]
    public async Task The_legacy_query_and_lambda_where_clauses_translate_to_sql()
    {
        var (engine, _) = await Setup();
        await using var session = new AsyncSession(engine);
        session.AddAll([User("ann", "a"), User("bob"), User("cy", "c%"), User("di", "d")]);
        await session.CommitAsync();
        string[] names = ["bob", "di"];
        var min = 1;

        var first = await session.RunSyncAsync(s => s.Query<OrmUser>().OrderByDescending(u => u.Id).First()!.Name);
        var filtered = (await session.ScalarsAsync(Select<OrmUser>()
            .Where(u => (u.Id > min && u.Note != null) || names.Contains(u.Name)).OrderBy(u => u.Name).Limit(3).Offset(1))).All();
        var like = (await session.ScalarsAsync(Select<OrmUser>().Where(u => u.Note!.EndsWith("%")))).All();
        var nulls = (await session.ScalarsAsync(Select<OrmUser>().Where(u => u.Note == null))).All();

        Assert.Equal("di", first);
        Assert.Equal(["cy", "di"], filtered.Select(u => u.Name));
        Assert.Equal("cy", Assert.Single(like).Name);
        Assert.Equal("bob", Assert.Single(nulls).Name);
        var unsupported = Assert.Throws<NotSupportedException>(() => Select<OrmUser>().Where(u => u.Name.GetHashCode() == 1));
        Assert.Contains("has no SQL translation", unsupported.Message);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Echo_says_BEGIN_implicit_for_autobegin_and_explicit_for_Begin(bool async)
    {
        await Setup();
        var logs = new Diagnostics.CapturingLoggerFactory();
        var engine = CreateEngine(new EngineOptions { Echo = true, LoggerFactory = logs });
        List<string> Begins() => [.. logs.Entries.Where(e => e.EventId == 1002).Select(e => e.Message)];

        await using (var session = new SessionFace(engine, async))
        {
            session.Add(User("ann"));
            await session.Commit();
        }
        // SQLite's BEGIN IMMEDIATE takes the write lock for the flush.
        var begin = Db.IsPostgres ? "BEGIN" : "BEGIN IMMEDIATE";
        Assert.Equal([$"{begin} (implicit)"], Begins());

        await using (var session = new SessionFace(engine, async))
        {
            await using var transaction = await session.Begin();
            session.Add(User("bob"));
            await transaction.Commit();
        }
        Assert.Equal([$"{begin} (implicit)", $"{begin} (explicit)"], Begins());
    }
}

internal static class EntityStateTestExtensions
{
    public static bool EntityStateLoaded<T>(this T entity, string name)
        where T : class, IMapped<T> =>
        ((IMapped)entity).EntityState.IsLoaded(
            T.Mapper.Columns.FirstOrDefault(c => c.PropertyName == name)?.Index ?? T.Mapper.Relationships.First(r => r.PropertyName == name).Index);
}

public sealed class SqliteSessionTests(DatabaseFixture<SqliteDatabase> fixture) : SessionTests<SqliteDatabase>(fixture);

public sealed class PostgresSessionTests(DatabaseFixture<PostgresDatabase> fixture) : SessionTests<PostgresDatabase>(fixture);
