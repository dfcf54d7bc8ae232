using Framework.Orm;
using Framework.Sql;
using Framework.Tests.Infrastructure;
using static Framework.Orm.Loaders;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Orm.Generated;

// Generated entities with every relationship kind: one-to-many and many-to-one (Author, Book), many-to-many through
// an association table (Book, Tag), one-to-one (Author, Profile), self-referential (Node), write-only and passive
// deletes (Shelf, Slot).

[DeclarativeBase]
public abstract partial class RelBase
{
    // The association table is declared with the MetaData, as SQLAlchemy's Table("book_tag", Base.metadata, ...) is.
    public static readonly Table BookTag = new("book_tag", MetaData,
        new Column<int>("book_id", primaryKey: true, foreignKey: new ForeignKey("book.id", onDelete: "CASCADE")),
        new Column<int>("tag_id", primaryKey: true, foreignKey: new ForeignKey("tag.id", onDelete: "CASCADE")));
}

[Table("author")]
public partial class Author : RelBase
{
    [PrimaryKey] public partial int Id { get; set; }
    public partial string Name { get; set; }
    [Relationship(BackPopulates = "Author", OrderBy = "title")] public partial IList<Book> Books { get; set; }
    [Relationship(BackPopulates = "Author", Cascade = "all, delete-orphan")] public partial Profile? Profile { get; set; }
}

[Table("book")]
public partial class Book : RelBase
{
    [PrimaryKey] public partial int Id { get; set; }
    [ForeignKey("author.id")] public partial int? AuthorId { get; set; }
    public partial string Title { get; set; }
    [Relationship(BackPopulates = "Books")] public partial Author? Author { get; set; }
    [Relationship(Secondary = "book_tag", BackPopulates = "Books")] public partial ISet<Tag> Tags { get; set; }
}

[Table("tag")]
public partial class Tag : RelBase
{
    [PrimaryKey] public partial int Id { get; set; }
    public partial string Name { get; set; }
    [Relationship(Secondary = "book_tag", BackPopulates = "Tags")] public partial ISet<Book> Books { get; set; }
}

[Table("profile")]
public partial class Profile : RelBase
{
    [PrimaryKey] public partial int Id { get; set; }
    [ForeignKey("author.id"), Column(Unique = true)] public partial int AuthorId { get; set; }
    public partial string Bio { get; set; }
    [Relationship(BackPopulates = "Profile")] public partial Author? Author { get; set; }
}

[Table("node")]
public partial class Node : RelBase
{
    [PrimaryKey] public partial int Id { get; set; }
    [ForeignKey("node.id")] public partial int? ParentId { get; set; }
    public partial string Name { get; set; }
    [Relationship(BackPopulates = "Parent")] public partial IList<Node> Children { get; set; }
    [Relationship(BackPopulates = "Children")] public partial Node? Parent { get; set; }
}

[Table("shelf")]
public partial class Shelf : RelBase
{
    [PrimaryKey] public partial int Id { get; set; }
    public partial string Name { get; set; }
    [Relationship(Cascade = "all", PassiveDeletes = true)] public partial IList<Slot> Slots { get; set; }
    [Relationship(Lazy = LazyStrategy.WriteOnly)] public partial WriteOnlyCollection<Slot> Log { get; }
}

[Table("slot")]
public partial class Slot : RelBase
{
    [PrimaryKey] public partial int Id { get; set; }
    [ForeignKey("shelf.id", OnDelete = "CASCADE")] public partial int? ShelfId { get; set; }
    public partial string Label { get; set; }
}

/// <summary>Every relationship kind, generated, on SQLite and PostgreSQL, sync and async, with the statements each operation sends.</summary>
public abstract class GeneratedRelationshipTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : OrmTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    private Task<(AsyncEngine Engine, List<string> Sql)> Setup() => Setup(RelBase.MetaData);

    private static int Count(List<string> sql, string prefix) => sql.Count(s => s.StartsWith(prefix, StringComparison.Ordinal));

    private static async Task<long> Rows(AsyncEngine engine, string table)
    {
        await using var conn = await engine.ConnectAsync();
        return Convert.ToInt64(await conn.ScalarAsync(Text($"select count(*) from {table}")));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task IsLoaded_answers_as_Inspect_does_per_attribute_and_sends_nothing(bool async)
    {
        var (engine, sql) = await Setup();
        await using (var session = new SessionFace(engine, async))
        {
            session.Add(new Author { Name = "Le Guin", Books = [new Book { Title = "The Dispossessed" }] });
            await session.Commit();
        }

        await using (var session = new SessionFace(engine, async))
        {
            var plain = Assert.Single(await session.All(Select<Author>()));
            var loaded = Assert.Single(await session.All(Select<Book>().Options(SelectInLoad<Book>(b => b.Tags))));
            sql.Clear();
            var books = Inspection.Mapper<Author>().Relationships.Single(r => r.PropertyName == nameof(Author.Books)).Index;
            var name = Inspection.Mapper<Author>().Columns.Single(c => c.PropertyName == nameof(Author.Name)).Index;
            var tags = Inspection.Mapper<Book>().Relationships.Single(r => r.PropertyName == nameof(Book.Tags)).Index;

            Assert.False(Inspection.IsLoaded(plain, books));
            Assert.True(Inspection.IsLoaded(plain, name));
            Assert.True(Inspection.IsLoaded(loaded, tags));
            foreach (var (entity, count) in new (object, int)[] { (plain, Inspection.Mapper<Author>().Columns.Count + Inspection.Mapper<Author>().Relationships.Count),
                                                                  (loaded, Inspection.Mapper<Book>().Columns.Count + Inspection.Mapper<Book>().Relationships.Count) })
            {
                var state = Inspection.Inspect(entity);
                for (var i = 0; i < count; i++)
                    Assert.Equal(state.Attributes[i].IsLoaded, Inspection.IsLoaded(entity, i));
                Assert.Equal(state.Unloaded.Count > 0, Inspection.HasUnloaded(entity));
            }
            Assert.True(Inspection.HasUnloaded(plain));
            var complete = new Author { Name = "Tolkien", Books = [] };
            Assert.False(Inspection.HasUnloaded(complete));
            Assert.Empty(sql);
            Assert.Throws<ArgumentException>(() => Inspection.IsLoaded(new object(), 0));
            Assert.Throws<ArgumentException>(() => Inspection.HasUnloaded(new object()));
        }
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Many_to_many_writes_and_deletes_association_rows_and_keeps_both_sides_in_sync(bool async)
    {
        var (engine, sql) = await Setup();
        var python = new Tag { Name = "python" };
        var sql2 = new Tag { Name = "sql" };
        await using (var session = new SessionFace(engine, async))
        {
            var book = new Book { Title = "Essential SQLAlchemy", Tags = new HashSet<Tag> { python, sql2 } };
            Assert.Contains(book, python.Books);
            session.Add(book);
            await session.Commit();
        }
        Assert.Equal(2, await Rows(engine, "book_tag"));

        await using (var session = new SessionFace(engine, async))
        {
            sql.Clear();
            var books = await session.All(Select<Book>().Options(SelectInLoad<Book>(b => b.Tags)));
            Assert.Equal(2, Count(sql, "SELECT"));
            var book = Assert.Single(books);
            Assert.Equal(["python", "sql"], book.Tags.Select(t => t.Name).Order());
            book.Tags.Remove(book.Tags.First(t => t.Name == "sql"));
            await session.Commit();
        }
        Assert.Equal(1, await Rows(engine, "book_tag"));

        await using (var session = new SessionFace(engine, async))
        {
            var tagged = await session.All(Select<Tag>().Where(t => t.Books.Any(b => b.Title.StartsWith("Essential"))));
            Assert.Equal("python", Assert.Single(tagged).Name);
            await session.Delete((await session.Get<Book>(1))!);
            await session.Commit();
        }
        Assert.Equal(0, await Rows(engine, "book_tag"));
        Assert.Equal(2, await Rows(engine, "tag"));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_self_referential_tree_goes_in_level_by_level_and_loads_one_statement_per_level(bool async)
    {
        var (engine, sql) = await Setup();
        await using (var session = new SessionFace(engine, async))
        {
            var root = new Node { Name = "root", Children = [new Node { Name = "a", Children = [new Node { Name = "a1" }] }, new Node { Name = "b" }] };
            session.Add(root);
            await session.Commit();
        }
        Assert.Equal(3, Count(sql, "INSERT INTO node"));

        await using (var session = new SessionFace(engine, async))
        {
            sql.Clear();
            var roots = await session.All(Select<Node>().Where(n => n.ParentId == null)
                .Options(SelectInLoad<Node>(n => n.Children).SelectInLoad<Node>(n => n.Children)));
            Assert.Equal(3, Count(sql, "SELECT"));
            var root = Assert.Single(roots);
            Assert.Equal(["a", "b"], root.Children.Select(c => c.Name));
            Assert.Equal("a1", root.Children[0].Children.Single().Name);
            // The many-to-one back is known from the load: no SQL.
            Assert.Same(root, root.Children[1].Parent);
            Assert.Equal(3, Count(sql, "SELECT"));
        }
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_cycle_of_new_rows_goes_in_with_null_keys_and_an_update_after(bool async)
    {
        var (engine, sql) = await Setup();
        await using (var session = new SessionFace(engine, async))
        {
            var a = new Node { Name = "a" };
            var b = new Node { Name = "b", Parent = a };
            a.Parent = b;
            session.Add(a);
            await session.Commit();
            Assert.Equal(1, Count(sql, "INSERT INTO node"));
            Assert.Equal(1, Count(sql, "UPDATE node"));
        }
        await using (var session = new SessionFace(engine, async))
        {
            var nodes = await session.All(Select<Node>().OrderBy(n => n.Id));
            Assert.Equal([2, 1], nodes.Select(n => n.ParentId ?? 0));
        }
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task One_to_one_sets_the_key_on_the_other_side_and_deleting_the_parent_without_delete_cascade_nulls_children(bool async)
    {
        var (engine, sql) = await Setup();
        await using (var session = new SessionFace(engine, async))
        {
            var author = new Author { Name = "ann", Books = [new Book { Title = "B" }, new Book { Title = "A" }] };
            author.Profile = new Profile { Bio = "writer" };
            Assert.Same(author, author.Profile.Author);
            session.Add(author);
            await session.Commit();
        }
        await using (var session = new SessionFace(engine, async))
        {
            var author = (await session.All(Select<Author>().Options(SelectInLoad<Author>(a => a.Profile), SelectInLoad<Author>(a => a.Books))))[0];
            Assert.Equal("writer", author.Profile!.Bio);
            Assert.Equal(["A", "B"], author.Books.Select(b => b.Title));   // OrderBy = "title"
            sql.Clear();
            await session.Delete(author);
            await session.Commit();
            // Profile: delete cascade; books: their key is nulled (the default cascade has no delete).
            Assert.Equal(1, Count(sql, "DELETE FROM profile"));
            Assert.Equal(1, Count(sql, "UPDATE book SET author_id"));
        }
        Assert.Equal(0, await Rows(engine, "profile"));
        Assert.Equal(2, await Rows(engine, "book"));
        await using (var session = new SessionFace(engine, async))
            Assert.All(await session.All(Select<Book>()), b => Assert.Null(b.AuthorId));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Passive_deletes_trust_on_delete_cascade_and_a_write_only_collection_never_loads(bool async)
    {
        var (engine, sql) = await Setup();
        await using (var session = new SessionFace(engine, async))
        {
            var shelf = new Shelf { Name = "s", Slots = [new Slot { Label = "one" }] };
            shelf.Log.Add(new Slot { Label = "logged" });
            session.Add(shelf);
            await session.Commit();
        }
        Assert.Equal(2, await Rows(engine, "slot"));
        await using (var session = new AsyncSession(engine))
        {
            var shelf = (await session.GetAsync<Shelf>(1))!;
            var logged = (await session.ScalarsAsync(shelf.Log.Select().OrderBy(s => s.Id))).All();
            Assert.Equal(["one", "logged"], logged.Select(s => s.Label));
            Assert.Throws<ArgumentException>(() => SelectInLoad<Shelf>(s => s.Log));
            sql.Clear();
            await session.DeleteAsync(shelf);
            await session.CommitAsync();
            Assert.Equal(0, Count(sql, "SELECT"));
        }
        Assert.Equal(0, await Rows(engine, "slot"));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Immediate_and_no_load_and_lazy_loads_inside_RunSync(bool async)
    {
        var (engine, sql) = await Setup();
        await using (var session = new SessionFace(engine, async))
        {
            session.Add(new Author { Name = "ann", Books = [new Book { Title = "A" }] });
            session.Add(new Author { Name = "bob", Books = [new Book { Title = "B" }, new Book { Title = "C" }] });
            await session.Commit();
        }
        await using (var session = new SessionFace(engine, async))
        {
            sql.Clear();
            var authors = await session.All(Select<Author>().OrderBy(a => a.Id).Options(ImmediateLoad<Author>(a => a.Books)));
            Assert.Equal(3, Count(sql, "SELECT"));
            Assert.Equal([1, 2], authors.Select(a => a.Books.Count));
        }
        await using (var session = new SessionFace(engine, async))
        {
            sql.Clear();
            var authors = await session.All(Select<Author>().Options(NoLoad<Author>(a => a.Books)));
            Assert.Equal(1, Count(sql, "SELECT"));
            Assert.All(authors, a => Assert.Empty(a.Books));
        }
        await using (var session = new AsyncSession(engine))
        {
            var books = (await session.ScalarsAsync(Select<Book>().OrderBy(b => b.Id))).All();
            sql.Clear();
            var names = await session.RunSyncAsync(_ => books.Select(b => b.Author!.Name).ToList());
            Assert.Equal(["ann", "bob", "bob"], names);
            Assert.Equal(2, Count(sql, "SELECT"));   // two authors; the third book's is in the identity map by then
            var error = Assert.Throws<LazyLoadException>(() => names.Count > 0 ? books[0].Author!.Books : null);
            Assert.Contains("Author.Books is not loaded", error.Message);
        }
    }

    [Fact]
    public async Task Refresh_and_merge_take_loader_options()
    {
        var (engine, sql) = await Setup();
        await using (var setup = new AsyncSession(engine))
        {
            setup.Add(new Author { Name = "ann", Books = [new Book { Title = "A" }] });
            await setup.CommitAsync();
        }
        await using var session = new AsyncSession(engine);
        var ann = (await session.GetAsync<Author>(1))!;
        sql.Clear();
        await session.RefreshAsync(ann, [SelectInLoad<Author>(a => a.Books)]);
        Assert.Equal(2, Count(sql, "SELECT"));
        Assert.Equal("A", Assert.Single(ann.Books).Title);

        var detached = new Author { Id = 1, Name = "ann" };
        await using var other = new AsyncSession(engine);
        var merged = await other.MergeAsync(detached, [SelectInLoad<Author>(a => a.Books)]);
        Assert.Equal("A", Assert.Single(merged.Books).Title);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Column_options_choose_what_the_select_reads_and_joined_loads_need_no_more_statements(bool async)
    {
        var (engine, sql) = await Setup();
        await using (var setup = new SessionFace(engine, async))
        {
            setup.Add(new Author { Name = "ann", Books = [new Book { Title = "A" }, new Book { Title = "B" }], Profile = new Profile { Bio = "bio" } });
            await setup.Commit();
        }
        await using (var session = new SessionFace(engine, async))
        {
            sql.Clear();
            var book = (await session.All(Select<Book>().Where(b => b.Title == "A").Options(Defer<Book>(b => b.Title))))[0];
            Assert.DoesNotContain("book.title", sql[0][..sql[0].IndexOf("FROM", StringComparison.Ordinal)], StringComparison.Ordinal);
            Assert.False(book.EntityStateLoaded("Title"));
            var only = (await session.All(Select<Author>().Options(LoadOnly<Author>(a => a.Id))))[0];
            Assert.False(only.EntityStateLoaded("Name"));
        }
        await using (var session = new SessionFace(engine, async))
        {
            sql.Clear();
            var authors = session.Async is not null
                ? (await session.Async.ExecuteAsync(Select<Author>().Options(JoinedLoad<Author>(a => a.Books), JoinedLoad<Author>(a => a.Profile, innerJoin: true))))
                    .Unique().Scalars().All()
                : session.Sync!.Execute(Select<Author>().Options(JoinedLoad<Author>(a => a.Books), JoinedLoad<Author>(a => a.Profile, innerJoin: true)))
                    .Unique().Scalars().All();
            Assert.Single(sql);
            Assert.Contains("LEFT OUTER JOIN book", sql[0], StringComparison.Ordinal);
            Assert.Contains("JOIN profile", sql[0], StringComparison.Ordinal);
            var ann = Assert.Single(authors);
            Assert.Equal(["A", "B"], ann.Books.Select(b => b.Title).Order());
            Assert.Equal("bio", ann.Profile!.Bio);
            Assert.Single(sql);
        }
        await using (var session = new AsyncSession(engine))
        {
            var raised = (await session.ScalarsAsync(Select<Book>().Options(RaiseLoad<Book>(b => b.Author, sqlOnly: true)))).All();
            Assert.Contains("its loader is raise", Assert.Throws<LazyLoadException>(() => raised[0].Author).Message);
            await session.GetAsync<Author>(1);
            Assert.Equal("ann", raised[0].Author!.Name);   // sqlOnly: served from the identity map
        }
    }
}

public sealed class SqliteGeneratedRelationshipTests(DatabaseFixture<SqliteDatabase> fixture) : GeneratedRelationshipTests<SqliteDatabase>(fixture);

public sealed class PostgresGeneratedRelationshipTests(DatabaseFixture<PostgresDatabase> fixture) : GeneratedRelationshipTests<PostgresDatabase>(fixture);
