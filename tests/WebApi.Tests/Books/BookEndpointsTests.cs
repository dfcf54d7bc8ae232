using System.Net;
using System.Net.Http.Json;
using WebApi.Books;
using WebApi.Data;
using WebApi.Tests.Infrastructure;

namespace WebApi.Tests.Books;

/// <summary>The minimal API of /books: every answer carries the book's author and tags, eager-loaded.</summary>
public abstract class BookEndpointsTests<TApi>(TApi api) : ApiTest<TApi>(api) where TApi : ApiFactory
{
    [Fact]
    public async Task Listing_a_page_of_20_books_with_authors_and_tags_sends_three_statements()
    {
        for (var a = 0; a < 3; a++)
            await Add(Rows.AuthorWithBooks($"lister-{a}", books: 10, tagsPerBook: 3));

        using var log = LogStatements();
        var page = await Read<PageJson<BookJson>>(await Client.GetAsync("/books?pageSize=20"), HttpStatusCode.OK);

        // The count, the page of books joined to their authors, and their tags: the same 3 for any number of books.
        Assert.Equal(BookEndpoints.ListQueryBudget, log.Statements.Count);
        Assert.Equal(20, page.Items.Count);
        Assert.Equal(await Count("SELECT count(*) FROM books"), page.Total);
        Assert.All(page.Items, book =>
        {
            Assert.Equal(book.AuthorId, book.Author!.Id);
            Assert.NotEmpty(book.Tags!);
            Assert.Equal(book.Tags!.Select(t => t.Name).Order(StringComparer.Ordinal), book.Tags!.Select(t => t.Name));
        });
        var mine = page.Items.Where(b => b.Title.StartsWith("lister-", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(mine);
        Assert.All(mine, book => Assert.Equal(3, book.Tags!.Count));
    }

    [Fact]
    public async Task Getting_a_book_answers_it_with_its_author_and_tags_in_two_statements()
    {
        var author = await Add(Rows.AuthorWithBooks("getter", books: 1, tagsPerBook: 2));
        var expected = author.Books[0];

        using var log = LogStatements();
        var book = await Read<BookJson>(await Client.GetAsync($"/books/{expected.Id}"), HttpStatusCode.OK);

        // The book joined to its author (the group's joined load goes into GetAsync's SELECT), then its tags.
        Assert.Equal(2, log.Statements.Count);
        Assert.Contains("JOIN authors", log.Statements[0], StringComparison.Ordinal);

        Assert.Equal(expected.Title, book.Title);
        Assert.Equal(expected.Year, book.Year);
        Assert.Equal("getter", book.Author!.Name);
        Assert.Null(book.Author.Books);          // the back-reference is left out of the nested author
        Assert.Equal(expected.Tags.Select(t => t.Name).Order(StringComparer.Ordinal), book.Tags!.Select(t => t.Name));
    }

    [Fact]
    public async Task Getting_a_book_that_does_not_exist_is_a_404_problem() =>
        await Problem(await Client.GetAsync($"/books/{await MissingId("books")}"), HttpStatusCode.NotFound);

    [Fact]
    public async Task Posting_a_book_reuses_the_tags_that_exist_and_creates_the_others()
    {
        var author = await Add(new Author { Name = "poster" });
        var existing = await Add(new Tag { Name = "post-existing" });

        var response = await Client.PostAsJsonAsync("/books",
            new { title = "Posted", authorId = author.Id, year = 2001, tags = new[] { "post-new", "post-existing", "post-new" } });
        var book = await Read<BookJson>(response, HttpStatusCode.Created);

        Assert.Equal($"/books/{book.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("Posted", 2001, author.Id, "poster"), (book.Title, book.Year, book.AuthorId, book.Author!.Name));
        Assert.Equal(["post-existing", "post-new"], book.Tags!.Select(t => t.Name));
        Assert.Equal(existing.Id, book.Tags![0].Id);
        Assert.All(book.Tags!, t => Assert.NotEqual(0, t.Id));
        Assert.Equal(1, await Count("SELECT count(*) FROM tags WHERE name = 'post-new'"));
        Assert.Equal(2, await Count("SELECT count(*) FROM book_tags WHERE book_id = :id", new { id = book.Id }));
        Assert.Equal(book, await Read<BookJson>(await Client.GetAsync($"/books/{book.Id}"), HttpStatusCode.OK), BookComparer.Instance);
    }

    [Fact]
    public async Task Posting_a_book_by_an_author_that_does_not_exist_is_a_400_on_AuthorId_and_stores_nothing()
    {
        var books = await Count("SELECT count(*) FROM books");

        var errors = await ValidationErrors(await Client.PostAsJsonAsync("/books",
            new { title = "Orphan", authorId = await MissingId("books"), tags = new[] { "orphan-tag" } }));

        Assert.Equal([nameof(BookRequest.AuthorId)], errors);
        Assert.Equal(books, await Count("SELECT count(*) FROM books"));
        Assert.Equal(0, await Count("SELECT count(*) FROM tags WHERE name = 'orphan-tag'"));
    }

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { """{"authorId":1}""", "Title" },
        { """{"title":"","authorId":1}""", "Title" },
        { $$"""{"title":"{{new string('t', Book.TitleLength + 1)}}","authorId":1}""", "Title" },
        { """{"title":"Year zero","authorId":1,"year":0}""", "Year" },
        { $$"""{"title":"Too many tags","authorId":1,"tags":[{{string.Join(',', Enumerable.Range(0, BookRequest.MaxTags + 1).Select(i => $"\"t{i}\""))}}]}""", "Tags" },
        { """{"title":"Blank tag","authorId":1,"tags":["ok"," "]}""", "Tags" },
        { $$"""{"title":"Long tag","authorId":1,"tags":["{{new string('x', Tag.NameLength + 1)}}"]}""", "Tags" },
    };

    [Theory, MemberData(nameof(InvalidBodies))]
    public async Task Posting_or_putting_an_invalid_book_is_a_400_validation_problem_naming_the_field(string body, string field)
    {
        var book = (await Add(Rows.AuthorWithBooks("invalid", books: 1, tagsPerBook: 1))).Books[0];
        var books = await Count("SELECT count(*) FROM books");

        Assert.Equal([field], await ValidationErrors(await Client.PostAsync("/books", JsonBody(body))));
        Assert.Equal([field], await ValidationErrors(await Client.PutAsync($"/books/{book.Id}", JsonBody(body))));

        Assert.Equal(books, await Count("SELECT count(*) FROM books"));
        Assert.Equal(book.Title, (await Read<BookJson>(await Client.GetAsync($"/books/{book.Id}"), HttpStatusCode.OK)).Title);
    }

    [Fact]
    public async Task Putting_a_book_replaces_its_title_year_author_and_tags()
    {
        var book = (await Add(Rows.AuthorWithBooks("before", books: 1, tagsPerBook: 2))).Books[0];
        var oldTags = book.Tags.Select(t => t.Name).ToList();
        var other = await Add(new Author { Name = "after" });

        var put = await Read<BookJson>(await Client.PutAsJsonAsync($"/books/{book.Id}",
            new { title = "Renamed", authorId = other.Id, tags = new[] { oldTags[0], "put-new" } }), HttpStatusCode.OK);

        Assert.Equal(("Renamed", (int?)null, other.Id, "after"), (put.Title, put.Year, put.AuthorId, put.Author!.Name));
        Assert.Equal(new[] { oldTags[0], "put-new" }.Order(StringComparer.Ordinal), put.Tags!.Select(t => t.Name));
        Assert.All(put.Tags!, t => Assert.NotEqual(0, t.Id));
        Assert.Equal(put, await Read<BookJson>(await Client.GetAsync($"/books/{book.Id}"), HttpStatusCode.OK), BookComparer.Instance);
        // The tag the book lost still exists.
        Assert.Equal(1, await Count("SELECT count(*) FROM tags WHERE name = :name", new { name = oldTags[1] }));
    }

    [Fact]
    public async Task Putting_a_book_that_does_not_exist_is_a_404_problem() =>
        await Problem(await Client.PutAsJsonAsync($"/books/{await MissingId("books")}", new { title = "Nowhere", authorId = 1 }), HttpStatusCode.NotFound);

    [Fact]
    public async Task Putting_a_book_by_an_author_that_does_not_exist_is_a_400_on_AuthorId_and_changes_nothing()
    {
        var book = (await Add(Rows.AuthorWithBooks("kept", books: 1, tagsPerBook: 1))).Books[0];

        var errors = await ValidationErrors(await Client.PutAsJsonAsync($"/books/{book.Id}", new { title = "Changed", authorId = await MissingId("books") }));

        Assert.Equal([nameof(BookRequest.AuthorId)], errors);
        var unchanged = await Read<BookJson>(await Client.GetAsync($"/books/{book.Id}"), HttpStatusCode.OK);
        Assert.Equal((book.Title, "kept"), (unchanged.Title, unchanged.Author!.Name));
    }

    [Fact]
    public async Task Deleting_a_book_removes_its_tag_rows_and_keeps_its_author_and_tags()
    {
        var author = await Add(Rows.AuthorWithBooks("deleter", books: 2, tagsPerBook: 2));
        var book = author.Books[0];

        using (var log = LogStatements())
        {
            await AssertStatus(await Client.DeleteAsync($"/books/{book.Id}"), HttpStatusCode.NoContent);
            // One DELETE, nothing loaded: the database removes the association rows.
            Assert.StartsWith("DELETE FROM books", Assert.Single(log.Statements), StringComparison.Ordinal);
        }

        await AssertStatus(await Client.GetAsync($"/books/{book.Id}"), HttpStatusCode.NotFound);
        Assert.Equal(0, await Count("SELECT count(*) FROM book_tags WHERE book_id = :id", new { id = book.Id }));
        Assert.Equal(1, await Count("SELECT count(*) FROM books WHERE author_id = :id", new { id = author.Id }));
        Assert.Equal(2, await Count("SELECT count(*) FROM tags WHERE id IN (:a, :b)", new { a = book.Tags[0].Id, b = book.Tags[1].Id }));
        await Problem(await Client.DeleteAsync($"/books/{book.Id}"), HttpStatusCode.NotFound);
    }


    private sealed class BookComparer : IEqualityComparer<BookJson>
    {
        public static readonly BookComparer Instance = new();

        public bool Equals(BookJson? x, BookJson? y) =>
            x is not null && y is not null && (x.Id, x.Title, x.Year, x.AuthorId, x.Author?.Name) == (y.Id, y.Title, y.Year, y.AuthorId, y.Author?.Name)
            && x.Tags!.Select(t => (t.Id, t.Name)).SequenceEqual(y.Tags!.Select(t => (t.Id, t.Name)));

        public int GetHashCode(BookJson obj) => obj.Id;
    }
}

public sealed class SqliteBookEndpointsTests(SqliteApi api) : BookEndpointsTests<SqliteApi>(api);

public sealed class PostgresBookEndpointsTests(PostgresApi api) : BookEndpointsTests<PostgresApi>(api);
