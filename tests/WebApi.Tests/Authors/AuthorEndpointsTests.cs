using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebApi.Data;
using WebApi.Tests.Infrastructure;

namespace WebApi.Tests.Authors;

/// <summary>The minimal API of /authors: an author answers with their books only where the route loads them.</summary>
public abstract class AuthorEndpointsTests<TApi>(TApi api) : ApiTest<TApi>(api) where TApi : ApiFactory
{
    [Fact]
    public async Task Listing_authors_answers_them_by_id_without_their_books()
    {
        await Add(Rows.AuthorWithBooks("listed", books: 2, tagsPerBook: 1));

        var response = await Client.GetAsync("/authors?pageSize=100");
        var page = await Read<JsonElement>(response, HttpStatusCode.OK);

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(await Count("SELECT count(*) FROM authors"), page.GetProperty("total").GetInt64());
        Assert.Contains(items, a => a.GetProperty("name").GetString() == "listed");
        var ids = items.Select(a => a.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(ids.Order(), ids);
        // The books are not loaded here, and the JSON guard leaves them out rather than loading them.
        Assert.All(items, a => Assert.False(a.TryGetProperty("books", out _)));
    }

    [Fact]
    public async Task Getting_an_author_answers_their_books_and_the_books_tags_in_three_selects_however_many_books()
    {
        var author = await Add(Rows.AuthorWithBooks("prolific", books: 8, tagsPerBook: 2));

        using var log = LogStatements();
        var got = await Read<AuthorJson>(await Client.GetAsync($"/authors/{author.Id}"), HttpStatusCode.OK);

        // The author, its books (select-in), their tags (select-in): no statement per book.
        Assert.Equal(3, log.Selects.Count);
        Assert.Equal("prolific", got.Name);
        Assert.Equal(author.Books.Select(b => b.Title).Order(StringComparer.Ordinal), got.Books!.Select(b => b.Title));
        Assert.All(got.Books!, b =>
        {
            Assert.Null(b.Author);              // the back-reference is left out inside the author
            Assert.Equal([$"{b.Title}-tag-1", $"{b.Title}-tag-2"], b.Tags!.Select(t => t.Name));
        });
    }

    [Fact]
    public async Task Getting_an_author_that_does_not_exist_is_a_404_problem() =>
        await Problem(await Client.GetAsync($"/authors/{await MissingId("authors")}"), HttpStatusCode.NotFound);

    [Fact]
    public async Task Posting_an_author_stores_it_and_answers_201_with_its_location()
    {
        var response = await Client.PostAsJsonAsync("/authors", new { name = "Iain M. Banks" });
        var author = await Read<AuthorJson>(response, HttpStatusCode.Created);

        Assert.Equal($"/authors/{author.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Iain M. Banks", author.Name);
        Assert.Empty(author.Books!);
        Assert.Equal(1, await Count("SELECT count(*) FROM authors WHERE id = :id AND name = 'Iain M. Banks'", new { id = author.Id }));
        Assert.Equal("Iain M. Banks", (await Read<AuthorJson>(await Client.GetAsync(response.Headers.Location), HttpStatusCode.OK)).Name);
    }

    public static TheoryData<string> InvalidBodies => new()
    {
        "{}",
        """{"name":""}""",
        """{"name":null}""",
        $$"""{"name":"{{new string('n', Author.NameLength + 1)}}"}""",
    };

    [Theory, MemberData(nameof(InvalidBodies))]
    public async Task Posting_or_putting_an_invalid_author_is_a_400_validation_problem_and_changes_nothing(string body)
    {
        var author = await Add(new Author { Name = "unchanged" });
        var authors = await Count("SELECT count(*) FROM authors");

        Assert.Equal(["Name"], await ValidationErrors(await Client.PostAsync("/authors", JsonBody(body))));
        Assert.Equal(["Name"], await ValidationErrors(await Client.PutAsync($"/authors/{author.Id}", JsonBody(body))));

        Assert.Equal(authors, await Count("SELECT count(*) FROM authors"));
        Assert.Equal("unchanged", (await Read<AuthorJson>(await Client.GetAsync($"/authors/{author.Id}"), HttpStatusCode.OK)).Name);
    }

    [Fact]
    public async Task Putting_an_author_renames_them()
    {
        var author = await Add(new Author { Name = "Ursula Le Guin" });

        var renamed = await Read<AuthorJson>(await Client.PutAsJsonAsync($"/authors/{author.Id}", new { name = "Ursula K. Le Guin" }), HttpStatusCode.OK);

        Assert.Equal((author.Id, "Ursula K. Le Guin"), (renamed.Id, renamed.Name));
        Assert.Equal(1, await Count("SELECT count(*) FROM authors WHERE id = :id AND name = 'Ursula K. Le Guin'", new { id = author.Id }));
    }

    [Fact]
    public async Task Putting_an_author_that_does_not_exist_is_a_404_problem() =>
        await Problem(await Client.PutAsJsonAsync($"/authors/{await MissingId("authors")}", new { name = "Nobody" }), HttpStatusCode.NotFound);

    [Fact]
    public async Task Deleting_an_author_deletes_their_books_and_the_books_tag_rows_but_not_the_tags()
    {
        var author = await Add(Rows.AuthorWithBooks("gone", books: 2, tagsPerBook: 2));
        var ids = new { author = author.Id, first = author.Books[0].Id, second = author.Books[1].Id };

        using (var log = LogStatements())
        {
            await AssertStatus(await Client.DeleteAsync($"/authors/{author.Id}"), HttpStatusCode.NoContent);
            Assert.StartsWith("DELETE FROM authors", Assert.Single(log.Statements), StringComparison.Ordinal);
        }

        await Problem(await Client.GetAsync($"/authors/{author.Id}"), HttpStatusCode.NotFound);
        Assert.Equal(0, await Count("SELECT count(*) FROM books WHERE author_id = :author", ids));
        Assert.Equal(0, await Count("SELECT count(*) FROM book_tags WHERE book_id IN (:first, :second)", ids));
        Assert.Equal(4, await Count("SELECT count(*) FROM tags WHERE name LIKE 'gone-%'"));
        await Problem(await Client.DeleteAsync($"/authors/{author.Id}"), HttpStatusCode.NotFound);
    }

}

public sealed class SqliteAuthorEndpointsTests(SqliteApi api) : AuthorEndpointsTests<SqliteApi>(api);

public sealed class PostgresAuthorEndpointsTests(PostgresApi api) : AuthorEndpointsTests<PostgresApi>(api);
