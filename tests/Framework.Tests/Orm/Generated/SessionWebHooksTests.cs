using Framework.Orm;
using Framework.Tests.Infrastructure;
using static Framework.Orm.Inspection;
using static Framework.Orm.Loaders;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Orm.Generated;

/// <summary>
/// What the web layer builds on: instance inspection (sending no SQL), the mapper as an API, per-session statement
/// events, default loader options and replacing an engine's pool; on SQLite and PostgreSQL, sync and async.
/// </summary>
public abstract class SessionWebHooksTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : OrmTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    private Task<(AsyncEngine Engine, List<string> Sql)> Setup() => Setup(RelBase.MetaData);

    // An author with two books, committed; the ids of the author and of the first book.
    private static async Task<(int Author, int Book)> AuthorWithBooks(AsyncEngine engine)
    {
        await using var session = new AsyncSession(engine);
        var author = new Author { Name = "ann", Books = [new Book { Title = "a" }, new Book { Title = "b" }] };
        session.Add(author);
        await session.FlushAsync();
        var ids = (author.Id, author.Books[0].Id);
        await session.CommitAsync();
        return ids;
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Inspection_follows_an_instance_from_transient_to_detached_without_sending_sql(bool async)
    {
        var (engine, sql) = await Setup();
        var author = new Author { Name = "ann" };
        var state = Inspect(author);
        Assert.Equal(InstanceStatus.Transient, state.Status);
        Assert.True(state.IsTransient);
        Assert.Null(state.Identity);
        Assert.Null(state.Session);
        Assert.Same(author, state.Object);
        Assert.Same(Mapper<Author>(), state.Mapper);

        await using (var session = new SessionFace(engine, async))
        {
            session.Add(author);
            Assert.True(state.IsPending);
            Assert.Same(session.Core, state.Session);
            Assert.Same(session.Async, state.AsyncSession);
            Assert.True(state["Name"].IsModified);

            await session.Flush();
            sql.Clear();
            Assert.True(state.IsPersistent);
            Assert.Equal([author.Id], state.Identity!);
            Assert.False(state.IsModified);
            author.Name = "ann b";
            Assert.True(state.IsModified);
            Assert.Equal(["Name"], state.Attributes.Where(a => a.IsModified).Select(a => a.Name));

            await session.Commit();
            sql.Clear();
            // A commit expired every column but the key; reading the state loads nothing.
            Assert.Equal(["Name", "Books", "Profile"], state.Expired);
            Assert.False(state["Name"].IsLoaded);
            Assert.False(state["Name"].TryGetLoadedValue(out _));
            Assert.True(state["Id"].TryGetLoadedValue(out var id));
            Assert.Equal(author.Id, id);
            Assert.Empty(sql);

            await session.Delete(author);
            Assert.True(state.IsMarkedForDeletion);
            Assert.True(state.IsPersistent);
            await session.Flush();
            Assert.True(state.IsDeleted);
            Assert.Same(session.Core, state.Session);
            await session.Rollback();
            Assert.True(state.IsPersistent);
            await session.Delete(author);
            await session.Commit();
            Assert.True(state.IsDetached);
            Assert.Null(state.Session);
        }
        Assert.DoesNotContain(sql, s => !s.StartsWith("DELETE", StringComparison.Ordinal) && !s.StartsWith("UPDATE", StringComparison.Ordinal)
            && !s.StartsWith("SELECT", StringComparison.Ordinal));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Inspection_tells_loaded_unloaded_expired_and_modified_relationships_apart_without_loading(bool async)
    {
        var (engine, sql) = await Setup();
        var (authorId, _) = await AuthorWithBooks(engine);
        await using var session = new SessionFace(engine, async);

        var plain = (await session.Get<Author>(authorId))!;
        sql.Clear();
        var state = Inspect(plain);
        Assert.True(state.IsPersistent);
        Assert.True(state["Name"].IsLoaded);
        Assert.False(state["Books"].IsLoaded);
        Assert.False(state["Books"].IsExpired);
        Assert.Equal(["Books", "Profile"], state.Unloaded);
        Assert.Empty(state.Expired);
        Assert.False(state["Books"].TryGetLoadedValue(out _));
        Assert.Equal(RelationshipKind.List, state["Books"].Relationship!.Kind);
        Assert.Null(state["Books"].Column);
        Assert.Empty(sql);

        var loaded = Assert.Single(await session.All(Select<Author>().Options(SelectInLoad<Author>(a => a.Books)).PopulateExisting()));
        sql.Clear();
        Assert.Same(plain, loaded);
        Assert.True(state["Books"].IsLoaded);
        Assert.True(state["Books"].TryGetLoadedValue(out var books));
        Assert.Equal(2, Assert.IsAssignableFrom<IList<Book>>(books).Count);
        loaded.Books.RemoveAt(0);
        Assert.True(state["Books"].IsModified);
        Assert.False(state["Name"].IsModified);

        session.Expire(loaded);
        Assert.True(state["Books"].IsExpired);
        Assert.True(state["Name"].IsExpired);
        Assert.False(state["Id"].IsExpired);
        Assert.Empty(sql);
        Assert.Contains("Nope", Assert.Throws<ArgumentException>(() => state["Nope"]).Message);
        Assert.Throws<ArgumentException>(() => Inspect("not an entity"));

        await session.Close();
        Assert.True(state.IsDetached);
        Assert.Equal([authorId], state.Identity!);
    }

    [Fact]
    public void The_mapper_describes_columns_keys_and_relationships()
    {
        var author = Mapper<Author>();
        Assert.Equal(typeof(Author), author.EntityType);
        Assert.Equal("author", author.Table.Name);
        Assert.Equal(["Id"], author.PrimaryKeyColumns.Select(c => c.PropertyName));
        Assert.True(author.Columns[0].IsPrimaryKey);
        var books = Assert.Single(author.Relationships, r => r.PropertyName == "Books");
        Assert.True(books.IsCollection);
        Assert.Equal(RelationshipDirection.OneToMany, books.Direction);
        Assert.Same(Mapper<Book>(), books.Target);
        Assert.Equal("Author", books.Back!.PropertyName);
        Assert.Equal(RelationshipDirection.ManyToOne, books.Back.Direction);
        Assert.Equal(LazyStrategy.Select, books.Lazy);
        var tags = Assert.Single(Mapper<Book>().Relationships, r => r.PropertyName == "Tags");
        Assert.Equal(RelationshipDirection.ManyToMany, tags.Direction);
        Assert.Equal(RelationshipKind.Set, tags.Kind);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_sessions_statement_handler_sees_its_statements_with_duration_and_cache_key_and_no_others(bool async)
    {
        var (engine, _) = await Setup();
        var (authorId, _) = await AuthorWithBooks(engine);
        await using var session = new SessionFace(engine, async);
        await using var other = new SessionFace(engine, async);
        var seen = new List<StatementEventArgs>();
        session.Core.Events.StatementExecuted += seen.Add;

        await session.All(Select<Book>().Where(b => b.Title == "a"));
        await session.All(Select<Book>().Where(b => b.Title == "b"));
        await session.Get<Author>(authorId);
        await other.All(Select<Book>());
        await other.Close();
        session.Add(new Author { Name = "bob" });
        await session.Commit();

        Assert.Equal(4, seen.Count);
        Assert.All(seen, e => Assert.True(e.Duration >= TimeSpan.Zero));
        Assert.StartsWith("SELECT", seen[0].Sql, StringComparison.Ordinal);
        Assert.Equal(["a"], seen[0].Parameters);
        Assert.Equal(["b"], seen[1].Parameters);
        // The same shape with other values: one cache key; another statement: another key.
        Assert.NotNull(seen[0].CacheKey);
        Assert.Equal(seen[0].CacheKey, seen[1].CacheKey);
        Assert.NotEqual(seen[0].CacheKey, seen[2].CacheKey);
        Assert.StartsWith("INSERT", seen[3].Sql, StringComparison.Ordinal);
        Assert.Equal(1, seen[3].RowCount);
        Assert.DoesNotContain(seen, e => e.Sql.StartsWith("BEGIN", StringComparison.OrdinalIgnoreCase));

        // The handler stays with the session across transactions; the connections it used report to nobody after.
        await session.Scalar(Text("select 1"));
        Assert.Equal(5, seen.Count);
    }

    [Fact]
    public async Task A_statement_handler_that_throws_fails_the_call_and_leaves_the_session_usable()
    {
        var (engine, _) = await Setup();
        await AuthorWithBooks(engine);
        await using var session = new AsyncSession(engine);
        var budget = 1;
        void Budget(StatementEventArgs e)
        {
            if (--budget < 0)
                throw new InvalidOperationException("query budget exceeded");
        }
        session.Events.StatementExecuted += Budget;
        await session.ScalarsAsync(Select<Book>());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await session.StreamScalarsAsync(Select<Book>()));
        Assert.Equal("query budget exceeded", error.Message);

        // The streamed cursor the handler refused was closed: the session runs the next statement.
        session.Events.StatementExecuted -= Budget;
        Assert.Equal(2, (await session.ScalarsAsync(Select<Book>())).All().Count);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Default_loader_options_apply_to_every_select_and_get_of_their_entity_and_the_statements_own_win(bool async)
    {
        var (engine, sql) = await Setup();
        var (authorId, bookId) = await AuthorWithBooks(engine);
        await using var session = new SessionFace(engine, async);
        session.Core.AddDefaultLoaderOptions(SelectInLoad<Author>(a => a.Books));
        Assert.Single(session.Core.DefaultLoaderOptions);

        sql.Clear();
        var author = Assert.Single(await session.All(Select<Author>()));
        Assert.Equal(2, author.Books.Count);
        Assert.Equal(2, sql.Count(s => s.StartsWith("SELECT", StringComparison.Ordinal)));

        // Another entity's queries are left as written.
        await session.Close();
        var book = (await session.Get<Book>(bookId))!;
        Assert.False(Inspect(book)["Author"].IsLoaded);

        // A statement's own option for the attribute wins over the default.
        await session.Close();
        sql.Clear();
        var raised = Assert.Single(await session.All(Select<Author>().Options(RaiseLoad<Author>(a => a.Books))));
        Assert.Single(sql);
        Assert.Throws<LazyLoadException>(() => raised.Books);

        // GetAsync loads the default's relationships too, also for an instance the identity map holds.
        await session.Close();
        var got = (await session.Get<Author>(authorId))!;
        Assert.Equal(2, got.Books.Count);

        session.Core.ClearDefaultLoaderOptions();
        Assert.Empty(session.Core.DefaultLoaderOptions);
        await session.Close();
        var cleared = Assert.Single(await session.All(Select<Author>()));
        Assert.False(Inspect(cleared)["Books"].IsLoaded);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Get_puts_a_joined_loader_into_the_select_of_a_row_it_reads_and_loads_a_held_instance_after(bool async)
    {
        var (engine, sql) = await Setup();
        var (authorId, bookId) = await AuthorWithBooks(engine);
        await using var session = new SessionFace(engine, async);
        session.Core.AddDefaultLoaderOptions(JoinedLoad<Book>(b => b.Author));

        sql.Clear();
        var book = (await session.Get<Book>(bookId))!;
        Assert.Equal(authorId, book.Author!.Id);
        var select = Assert.Single(sql);
        Assert.Contains("JOIN", select, StringComparison.Ordinal);

        // An instance the identity map holds is not read again: its loader runs after, by itself.
        await session.Close();
        session.Core.ClearDefaultLoaderOptions();
        var held = Assert.Single(await session.All(Select<Book>().Where(b => b.Id == bookId)));
        Assert.False(Inspect(held)["Author"].IsLoaded);
        session.Core.AddDefaultLoaderOptions(JoinedLoad<Book>(b => b.Author));
        sql.Clear();
        Assert.Same(held, await session.Get<Book>(bookId));
        Assert.Equal(authorId, held.Author!.Id);
        Assert.DoesNotContain(sql, s => s.Contains("FROM book", StringComparison.Ordinal) && s.Contains("JOIN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Default_loader_options_come_from_session_options_and_streams_get_none_of_the_relationship_ones()
    {
        var (engine, _) = await Setup();
        await AuthorWithBooks(engine);
        var maker = new AsyncSessionMaker(engine, new SessionOptions { DefaultLoaderOptions = [SelectInLoad<Author>(a => a.Books)] });
        await using var session = maker.Create();

        Assert.Equal(2, Assert.Single(await session.ScalarsAsync(Select<Author>())).Books.Count);

        await session.CloseAsync();
        await using var stream = await session.StreamScalarsAsync(Select<Author>());
        await foreach (var streamed in stream)
            Assert.Throws<LazyLoadException>(() => streamed.Books);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Replacing_the_pool_closes_its_idle_connections_and_those_checked_out_when_returned_and_the_engine_keeps_serving(bool async)
    {
        var engine = CreateEngine();
        int connects = 0, closes = 0;
        engine.SyncEngine.Events.Connect += _ => connects++;
        engine.SyncEngine.Events.Close += _ => closes++;
        var held = await Connect(engine, async);
        await Execute(held, async, Text("select 1"));
        await using (var idle = await Connect(engine, async))
            await Execute(idle, async, Text("select 1"));
        var old = engine.Pool;
        Assert.Equal(1, old.Status.Idle);

        if (async)
            await engine.DisposePoolAsync();
        else
            engine.SyncEngine.DisposePool();

        Assert.NotSame(old, engine.Pool);
        Assert.Equal(1, closes);
        await using (var fresh = await Connect(engine, async))
            Assert.Equal(1L, Convert.ToInt64((await Execute(fresh, async, Text("select 1"))).Scalar()));
        Assert.Equal(3, connects);

        // The connection checked out before still works, and goes back to its own pool, which closes it.
        Assert.Equal(1L, Convert.ToInt64((await Execute(held, async, Text("select 1"))).Scalar()));
        await held.DisposeAsync();
        Assert.Equal(2, closes);
        Assert.Equal(new PoolStatus(5, 1, 0, 0, 0), engine.Pool.Status);

        await engine.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(engine.SyncEngine.DisposePool);
    }
}

public sealed class SqliteSessionWebHooksTests(DatabaseFixture<SqliteDatabase> fixture) : SessionWebHooksTests<SqliteDatabase>(fixture);

public sealed class PostgresSessionWebHooksTests(DatabaseFixture<PostgresDatabase> fixture) : SessionWebHooksTests<PostgresDatabase>(fixture);
