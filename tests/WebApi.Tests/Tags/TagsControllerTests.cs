using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebApi.Data;
using WebApi.Tests.Infrastructure;

namespace WebApi.Tests.Tags;

/// <summary>The controller of /tags: its eager-load policy and JSON guard policy are attributes.</summary>
public abstract class TagsControllerTests<TApi>(TApi api) : ApiTest<TApi>(api) where TApi : ApiFactory
{
    [Fact]
    public async Task Listing_tags_answers_them_by_name_without_their_books()
    {
        await Add(Rows.AuthorWithBooks("a-listed", books: 1, tagsPerBook: 2));

        var page = await Read<JsonElement>(await Client.GetAsync("/tags?pageSize=100"), HttpStatusCode.OK);

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(await Count("SELECT count(*) FROM tags"), page.GetProperty("total").GetInt64());
        var names = items.Select(t => t.GetProperty("name").GetString()!).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Contains("a-listed-01-tag-1", names);
        Assert.All(items, t => Assert.False(t.TryGetProperty("books", out _)));
    }

    [Fact]
    public async Task Getting_a_tag_answers_its_books_with_their_authors_in_three_selects_however_many_books()
    {
        var tag = new Tag { Name = "shared" };
        for (var a = 0; a < 3; a++)
            await Add(new Author { Name = $"author-{a}", Books = [new Book { Title = $"title-{a}-1", Tags = [tag] }, new Book { Title = $"title-{a}-2", Tags = [tag] }] });

        using var log = LogStatements();
        var got = await Read<TagJson>(await Client.GetAsync($"/tags/{tag.Id}"), HttpStatusCode.OK);

        // The tag, its books (select-in through book_tags), their authors (select-in).
        Assert.Equal(3, log.Selects.Count);
        Assert.Equal("shared", got.Name);
        Assert.Equal(6, got.Books!.Count);
        Assert.Equal(got.Books.Select(b => b.Title).Order(StringComparer.Ordinal), got.Books.Select(b => b.Title));
        Assert.All(got.Books, b =>
        {
            Assert.Equal(b.Title.Split('-')[1], b.Author!.Name.Split('-')[1]);
            Assert.Null(b.Tags);                // the back-reference is left out inside the tag
        });
    }

    [Fact]
    public async Task Getting_a_tag_that_does_not_exist_is_a_404_problem() =>
        await Problem(await Client.GetAsync($"/tags/{await MissingId("tags")}"), HttpStatusCode.NotFound);

    [Fact]
    public async Task Posting_a_tag_stores_it_and_answers_201_with_its_location()
    {
        var response = await Client.PostAsJsonAsync("/tags", new { name = "space-opera" });
        var tag = await Read<TagJson>(response, HttpStatusCode.Created);

        Assert.Equal($"/tags/{tag.Id}", response.Headers.Location?.AbsolutePath);
        Assert.Equal("space-opera", tag.Name);
        Assert.Empty(tag.Books!);
        Assert.Equal(1, await Count("SELECT count(*) FROM tags WHERE id = :id AND name = 'space-opera'", new { id = tag.Id }));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"name":""}""")]
    [InlineData("""{"name":"this tag name is longer than the fifty characters a tag may have"}""")]
    public async Task Posting_an_invalid_tag_is_a_400_validation_problem_and_stores_nothing(string body)
    {
        var tags = await Count("SELECT count(*) FROM tags");

        Assert.Equal(["Name"], await ValidationErrors(await Client.PostAsync("/tags", JsonBody(body))));

        Assert.Equal(tags, await Count("SELECT count(*) FROM tags"));
    }

    [Fact]
    public async Task Posting_a_name_that_is_taken_is_a_409_problem_and_the_next_request_works()
    {
        await Add(new Tag { Name = "taken" });

        var problem = await Problem(await Client.PostAsJsonAsync("/tags", new { name = "taken" }), HttpStatusCode.Conflict);

        Assert.Equal("FWK2001", problem.GetProperty("code").GetString());
        Assert.Equal(1, await Count("SELECT count(*) FROM tags WHERE name = 'taken'"));
        await AssertStatus(await Client.PostAsJsonAsync("/tags", new { name = "free" }), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Deleting_a_tag_removes_it_from_its_books_and_keeps_the_books()
    {
        var book = (await Add(Rows.AuthorWithBooks("untagged", books: 1, tagsPerBook: 2))).Books[0];
        var (deleted, kept) = (book.Tags[0], book.Tags[1]);

        using (var log = LogStatements())
        {
            await AssertStatus(await Client.DeleteAsync($"/tags/{deleted.Id}"), HttpStatusCode.NoContent);
            Assert.StartsWith("DELETE FROM tags", Assert.Single(log.Statements), StringComparison.Ordinal);
        }

        var after = await Read<BookJson>(await Client.GetAsync($"/books/{book.Id}"), HttpStatusCode.OK);
        Assert.Equal([kept.Name], after.Tags!.Select(t => t.Name));
        Assert.Equal(0, await Count("SELECT count(*) FROM book_tags WHERE tag_id = :id", new { id = deleted.Id }));
        await Problem(await Client.DeleteAsync($"/tags/{deleted.Id}"), HttpStatusCode.NotFound);
    }
}

public sealed class SqliteTagsControllerTests(SqliteApi api) : TagsControllerTests<SqliteApi>(api);

public sealed class PostgresTagsControllerTests(PostgresApi api) : TagsControllerTests<PostgresApi>(api);
