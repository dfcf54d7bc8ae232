using Framework.Orm;
using Framework.Tests.Infrastructure;
using static Framework.Orm.Loaders;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Orm;

/// <summary>
/// Relationships over the hand-written parent/child model: cascades, foreign keys set by the flush, the reverse side
/// kept in sync, loader strategies with the statements each emits, and LazyLoadException instead of hidden I/O.
/// </summary>
public abstract class RelationshipTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : OrmTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    private Task<(AsyncEngine Engine, List<string> Sql)> Setup() => Setup(RelModel.MetaData);

    private static RelParent Family(string name, params string[] children) =>
        new() { Name = name, Children = [.. children.Select(c => new RelChild { Name = c })] };

    // ann (a1, a2), bob (none), cy (c1), committed.
    private static async Task ThreeFamilies(AsyncEngine engine, bool async)
    {
        await using var setup = new SessionFace(engine, async);
        setup.Add(Family("ann", "a1", "a2"));
        setup.Add(Family("bob"));
        setup.Add(Family("cy", "c1"));
        await setup.Commit();
    }

    private static int Selects(List<string> sql) => sql.Count(s => s.StartsWith("SELECT", StringComparison.Ordinal));

    [Theory, InlineData(false), InlineData(true)]
    public async Task Adding_a_parent_cascades_to_its_children_and_the_flush_sets_their_foreign_keys(bool async)
    {
        var (engine, sql) = await Setup();
        await using var session = new SessionFace(engine, async);
        var ann = Family("ann", "a1", "a2");
        var bob = Family("bob", "b1");
        session.Add(ann);
        session.Add(bob);

        Assert.Equal(5, session.New.Count());
        Assert.Same(ann, ann.Children[0].Parent);
        await session.Commit();

        Assert.Equal(2, sql.Count(s => s.StartsWith("INSERT", StringComparison.Ordinal)));
        await using var reader = new SessionFace(engine, async);
        var children = await reader.All(Select<RelChild>().OrderBy(c => c.Id));
        Assert.Equal([ann.Id, ann.Id, bob.Id], children.Select(c => c.ParentId));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Reading_an_unloaded_collection_throws_outside_RunSync_and_AwaitableAttrs_loads_it_once(bool async)
    {
        var (engine, sql) = await Setup();
        await using (var setup = new SessionFace(engine, async))
        {
            setup.Add(Family("ann", "a1", "a2"));
            await setup.Commit();
        }
        await using var session = new AsyncSession(engine);
        var ann = (await session.GetAsync<RelParent>(1))!;
        sql.Clear();

        var error = Assert.Throws<LazyLoadException>(() => ann.Children);
        Assert.Equal(
            "RelParent.Children is not loaded. Eager-load it with .Options(SelectInLoad<RelParent>(r => r.Children)), load it with " +
            "await r.AwaitableAttrs.Children, or touch it inside session.RunSyncAsync(...).", error.Message);
        var children = await ann.AwaitableAttrs.Children;
        Assert.Equal(["a1", "a2"], children.Select(c => c.Name));
        Assert.Equal(1, Selects(sql));
        await ann.AwaitableAttrs.Children;
        Assert.Equal(1, Selects(sql));
        // The many-to-one back is in the identity map: no SQL.
        Assert.Same(ann, children[0].Parent);
        Assert.Equal(1, Selects(sql));
        var names = await session.RunSyncAsync(_ => ann.Children.Count);
        Assert.Equal(2, names);
        await session.RunSyncAsync(s =>
        {
            var child = s.Get<RelChild>(3);
            Assert.Null(child);
        });
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task SelectInLoad_adds_one_statement_per_level_and_JoinedLoad_none(bool async)
    {
        var (engine, sql) = await Setup();
        await ThreeFamilies(engine, async);
        await using (var session = new SessionFace(engine, async))
        {
            sql.Clear();
            var parents = await session.All(Select<RelParent>().OrderBy(p => p.Id).Options(SelectInLoad<RelParent>(p => p.Children)));
            Assert.Equal(2, Selects(sql));
            Assert.Equal([2, 0, 1], parents.Select(p => p.Children.Count));
        }
        await using (var session = new AsyncSession(engine))
        {
            sql.Clear();
            var result = await session.ExecuteAsync(Select<RelParent>().OrderBy(p => p.Id).Options(JoinedLoad<RelParent>(p => p.Children)));
            var refused = Assert.Throws<InvalidOperationException>(() => result.Scalars());
            Assert.Contains("The Unique() method must be invoked on this Result", refused.Message);
            var parents = result.Unique().Scalars().All();
            Assert.Single(sql);
            Assert.Contains("LEFT OUTER JOIN rel_child", sql[0]);
            Assert.Equal(["ann", "bob", "cy"], parents.Select(p => p.Name));
            Assert.Equal([2, 0, 1], parents.Select(p => p.Children.Count));
        }
        await using (var session = new AsyncSession(engine))
        {
            sql.Clear();
            var children = (await session.ScalarsAsync(Select<RelChild>().OrderBy(c => c.Id).Options(SelectInLoad<RelChild>(c => c.Parent)))).All();
            Assert.Equal(2, Selects(sql));
            Assert.Equal(["ann", "ann", "cy"], children.Select(c => c.Parent!.Name));
            var raised = (await session.ScalarsAsync(Select<RelParent>().Options(RaiseLoad<RelParent>(p => p.Children)))).All();
            Assert.Contains("its loader is raise", Assert.Throws<LazyLoadException>(() => raised[0].Children).Message);
        }
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task SelectInLoad_of_more_keys_than_a_page_sends_a_statement_per_page_and_on_PostgreSQL_all_of_one_shape(bool async)
    {
        var (engine, sql) = await Setup();
        await using (var setup = new SessionFace(engine, async))
        {
            // 1,201 parents, two of each three with one child: three pages of parent keys (500, 500, 201), and two of the
            // children's 801 parent keys (500, 301).
            for (var i = 0; i < 1201; i++)
                setup.Add(i % 3 != 1 ? Family($"p{i}", $"c{i}") : Family($"p{i}"));
            await setup.Commit();
        }
        await using var session = new SessionFace(engine, async);
        sql.Clear();

        var parents = await session.All(Select<RelParent>().OrderBy(p => p.Id).Options(SelectInLoad<RelParent>(p => p.Children)));
        var childPages = sql.Skip(1).ToList();
        await using var other = new SessionFace(engine, async);
        sql.Clear();
        var children = await other.All(Select<RelChild>().OrderBy(c => c.Id).Options(SelectInLoad<RelChild>(c => c.Parent)));
        var parentPages = sql.Skip(1).ToList();

        Assert.Equal(1201, parents.Count);
        Assert.Equal(Enumerable.Range(0, 1201).Select(i => i % 3 != 1 ? $"c{i}" : null), parents.Select(p => p.Children.SingleOrDefault()?.Name));
        Assert.Equal(801, children.Count);
        Assert.Equal(children.Select(c => "p" + c.Name![1..]), children.Select(c => c.Parent!.Name));
        Assert.Equal(3, childPages.Count);
        Assert.Equal(2, parentPages.Count);
        // PostgreSQL sends each page as one array parameter, so the pages share one SQL text; SQLite's lists of 500 and of
        // 201 (or 301) values are of two size classes.
        Assert.Equal(Db.IsPostgres ? 1 : 2, childPages.Distinct().Count());
        Assert.Equal(Db.IsPostgres ? 1 : 2, parentPages.Distinct().Count());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task JoinedLoad_under_Limit_or_Offset_joins_the_related_rows_to_a_page_read_in_a_subquery(bool async)
    {
        var (engine, sql) = await Setup();
        await ThreeFamilies(engine, async);
        await using var session = new SessionFace(engine, async);
        sql.Clear();

        // A joined collection: the LIMIT counts parents, not their children's rows (ann's two would leave bob off the page).
        var families = Select<RelParent>().OrderBy(p => p.Id).Limit(2).Options(JoinedLoad<RelParent>(p => p.Children));
        var parents = (async ? await session.Async!.ExecuteAsync(families) : session.Sync!.Execute(families)).Unique().Scalars().All();
        Assert.Equal(["ann", "bob"], parents.Select(p => p.Name));
        Assert.Equal([2, 0], parents.Select(p => p.Children.Count));

        // A many-to-one after an OFFSET, and a descending order: the page, then its parents.
        var children = await session.All(Select<RelChild>().OrderBy(c => c.Id).Offset(1).Limit(2).Options(JoinedLoad<RelChild>(c => c.Parent)));
        Assert.Equal(["a2", "c1"], children.Select(c => c.Name));
        Assert.Equal(["ann", "cy"], children.Select(c => c.Parent!.Name));
        var last = await session.All(Select<RelChild>().OrderByDescending(c => c.Id).Limit(1).Options(JoinedLoad<RelChild>(c => c.Parent)));
        Assert.Equal("c1", Assert.Single(last).Name);

        Assert.Equal(3, sql.Count);
        Assert.All(sql, s => Assert.Contains("FROM (SELECT", s));
        Assert.All(sql, s => Assert.Contains(") AS anon_1 LEFT OUTER JOIN", s));
        Assert.EndsWith("ORDER BY anon_1.id DESC", sql[2]);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_stream_refuses_relationship_loaders_and_leaves_relationships_to_load_explicitly(bool async)
    {
        var (engine, _) = await Setup();
        await ThreeFamilies(engine, async);
        await using var session = new SessionFace(engine, async);
        var withLoader = Select<RelParent>().Options(SelectInLoad<RelParent>(p => p.Children));

        var error = async
            ? await Assert.ThrowsAsync<NotSupportedException>(async () => await session.Async!.StreamAsync(withLoader))
            : Assert.Throws<NotSupportedException>(() => session.Sync!.Stream(withLoader));
        Assert.Contains("SelectIn loading of RelParent.Children", error.Message);
        Assert.Contains("ExecuteAsync", error.Message);

        var parents = new List<RelParent>();
        if (async)
        {
            await using var stream = await session.Async!.StreamAsync(Select<RelParent>().OrderBy(p => p.Id));
            await foreach (var parent in stream.Scalars())
                parents.Add(parent);
        }
        else
        {
            using var stream = session.Sync!.Stream(Select<RelParent>().OrderBy(p => p.Id));
            parents.AddRange(stream.Scalars());
        }
        Assert.Equal(["ann", "bob", "cy"], parents.Select(p => p.Name));
        // Left unloaded: the async face raises on reading, the sync Session loads it as it is read (its lazy load).
        if (async)
        {
            Assert.Throws<LazyLoadException>(() => parents[0].Children.Count);
            Assert.Equal(["a1", "a2"], (await parents[0].AwaitableAttrs.Children).Select(c => c.Name).Order());
        }
        else
            Assert.Equal(["a1", "a2"], parents[0].Children.Select(c => c.Name).Order());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task IsModified_counts_relationship_changes_and_an_undone_one_does_not(bool async)
    {
        var (engine, _) = await Setup();
        await ThreeFamilies(engine, async);
        await using var session = new SessionFace(engine, async);
        var parents = await session.All(Select<RelParent>().OrderBy(p => p.Id).Options(SelectInLoad<RelParent>(p => p.Children)));
        var (ann, bob) = (parents[0], parents[1]);
        var a1 = ann.Children[0];
        Assert.False(session.IsModified(ann));
        Assert.False(session.IsModified(a1));

        var extra = new RelChild { Name = "x" };
        bob.Children.Add(extra);
        Assert.True(session.IsModified(bob));
        bob.Children.Remove(extra);
        Assert.False(session.IsModified(bob));

        // The side changed records the change; the reverse collections follow in memory only.
        a1.Parent = bob;
        Assert.True(session.IsModified(a1));
        Assert.Contains(a1, bob.Children);
        a1.Parent = ann;
        Assert.False(session.IsModified(a1));

        await session.Flush();
        Assert.False(session.IsModified(ann));
        Assert.False(session.IsModified(bob));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Moving_removing_and_deleting_children_write_the_right_rows(bool async)
    {
        var (engine, _) = await Setup();
        await using (var setup = new SessionFace(engine, async))
        {
            setup.Add(Family("ann", "a1", "a2"));
            setup.Add(Family("bob", "b1"));
            await setup.Commit();
        }
        await using (var session = new SessionFace(engine, async))
        {
            var parents = await session.All(Select<RelParent>().OrderBy(p => p.Id).Options(SelectInLoad<RelParent>(p => p.Children)));
            var (ann, bob) = (parents[0], parents[1]);
            var a1 = ann.Children[0];
            bob.Children.Add(a1);          // moves it: out of ann's collection, parent set to bob
            Assert.DoesNotContain(a1, ann.Children);
            Assert.Same(bob, a1.Parent);
            ann.Children.Remove(ann.Children[0]);   // a2: an orphan, deleted (delete-orphan)
            await session.Commit();
        }
        await using (var session = new SessionFace(engine, async))
        {
            var children = await session.All(Select<RelChild>().OrderBy(c => c.Id));
            Assert.Equal(["a1", "b1"], children.Select(c => c.Name));
            Assert.All(children, c => Assert.Equal(2, c.ParentId));
            await session.Delete((await session.Get<RelParent>(2))!);   // delete cascade
            await session.Commit();
            Assert.Empty(await session.All(Select<RelChild>()));
        }
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Lambdas_query_across_relationships_and_ContainsEager_fills_from_an_explicit_join(bool async)
    {
        var (engine, sql) = await Setup();
        await ThreeFamilies(engine, async);
        await using var session = new AsyncSession(engine);
        var withChildren = (await session.ScalarsAsync(Select<RelParent>().Where(p => p.Children.Any()).OrderBy(p => p.Id))).All();
        var withA2 = (await session.ScalarsAsync(Select<RelParent>().Where(p => p.Children.Any(c => c.Name == "a2")))).All();
        Assert.Equal(["ann", "cy"], withChildren.Select(p => p.Name));
        Assert.Equal("ann", Assert.Single(withA2).Name);

        await session.CloseAsync();
        sql.Clear();
        var child = RelModel.Child.Table;
        var result = await session.ExecuteAsync(Select<RelParent>().Join(p => p.Children).Where(child.C["name"] != "a1").OrderBy(child.C["id"])
            .Options(ContainsEager<RelParent>(p => p.Children)));
        var parents = result.Unique().Scalars().All();
        Assert.Single(sql);
        Assert.Equal(["ann", "cy"], parents.Select(p => p.Name));
        Assert.Equal(["a2"], parents[0].Children.Select(c => c.Name));

        await session.CloseAsync();
        sql.Clear();
        var cy = await session.GetAsync<RelParent>(3, [SelectInLoad<RelParent>(p => p.Children)]);
        Assert.Equal("c1", Assert.Single(cy!.Children).Name);
        Assert.Equal(2, Selects(sql));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Merge_expunge_and_expire_cascade_along_the_relationship(bool async)
    {
        var (engine, _) = await Setup();
        await ThreeFamilies(engine, async);
        RelParent detached;
        await using (var first = new SessionFace(engine, async))
        {
            detached = (await first.All(Select<RelParent>().Where(p => p.Name == "ann").Options(SelectInLoad<RelParent>(p => p.Children))))[0];
        }
        detached.Children[0].Name = "a1 renamed";
        detached.Children.RemoveAt(1);
        detached.Children.Add(new RelChild { Name = "a3" });

        await using var session = new SessionFace(engine, async);
        var merged = await session.Merge(detached);
        Assert.NotSame(detached, merged);
        Assert.Equal(["a1 renamed", "a3"], merged.Children.Select(c => c.Name));
        await session.Commit();
        Assert.Equal(["a1 renamed", "a3", "c1"], (await session.All(Select<RelChild>().OrderBy(c => c.Name))).Select(c => c.Name));

        var ann = (await session.All(Select<RelParent>().Where(p => p.Name == "ann").Options(SelectInLoad<RelParent>(p => p.Children))))[0];
        var child = ann.Children[0];
        if (session.Async is not null) session.Async.Expunge(ann); else session.Sync!.Expunge(ann);
        Assert.False(session.Contains(child));

        ann = (await session.All(Select<RelParent>().Where(p => p.Name == "ann").Options(SelectInLoad<RelParent>(p => p.Children))))[0];
        child = ann.Children[0];
        session.Expire(ann);
        Assert.False(child.EntityStateLoaded("Name"));
        Assert.False(ann.EntityStateLoaded("Children"));
        await session.Refresh(child);
        Assert.Equal("a1 renamed", child.Name);
    }
}

public sealed class SqliteRelationshipTests(DatabaseFixture<SqliteDatabase> fixture) : RelationshipTests<SqliteDatabase>(fixture);

public sealed class PostgresRelationshipTests(DatabaseFixture<PostgresDatabase> fixture) : RelationshipTests<PostgresDatabase>(fixture);
