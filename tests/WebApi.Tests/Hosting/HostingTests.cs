using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using WebApi.Data;
using WebApi.Tests.Infrastructure;

namespace WebApi.Tests.Hosting;

/// <summary>What the host serves besides the API (health, OpenAPI, the Scalar page), its seed, and the tests' isolation.</summary>
public abstract class HostingTests<TApi>(TApi api) : ApiTest<TApi>(api) where TApi : ApiFactory
{
    private static readonly string[] Tables = ["authors", "books", "tags", "book_tags"];

    [Fact]
    public async Task Health_answers_Healthy_when_the_database_answers()
    {
        var response = await Client.GetAsync("/health");

        await AssertStatus(response, HttpStatusCode.OK);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_new_database_holds_the_seed_and_every_book_is_listed_with_its_author_and_tags()
    {
        var seed = SeedData.Authors().SelectMany(a => a.Books.Select(b => (b.Title, Author: a.Name, Tags: b.Tags.Select(t => t.Name).Order(StringComparer.Ordinal).ToList()))).ToList();

        var books = await Read<PageJson<BookJson>>(await Client.GetAsync("/books?pageSize=100"), HttpStatusCode.OK);

        Assert.Equal(seed.Count, books.Total);
        Assert.Equal(seed.OrderBy(b => b.Title, StringComparer.Ordinal).Select(b => $"{b.Title} by {b.Author}: {string.Join(", ", b.Tags)}"),
                     books.Items.OrderBy(b => b.Title, StringComparer.Ordinal).Select(b => $"{b.Title} by {b.Author!.Name}: {string.Join(", ", b.Tags!.Select(t => t.Name))}"));
    }

    [Fact]
    public async Task Starting_again_on_a_seeded_database_adds_no_row_and_in_Production_serves_no_Scalar_page()
    {
        var before = await CountRows();

        // A second host on the same database: its startup makes the tables and seeds again.
        using var production = Api.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        using var client = production.CreateClient();

        Assert.Equal(before, await CountRows());
        await AssertStatus(await client.GetAsync("/scalar/"), HttpStatusCode.NotFound);
        await Problem(await client.GetAsync($"/books/{await MissingId("books")}"), HttpStatusCode.NotFound);
        await AssertStatus(await client.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_route_of_the_API()
    {
        var document = await Read<JsonElement>(await Client.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(
        [
            "DELETE /authors/{id}", "DELETE /books/{id}", "DELETE /tags/{id}",
            "GET /authors", "GET /authors/{id}", "GET /books", "GET /books/{id}", "GET /tags", "GET /tags/{id}",
            "POST /authors", "POST /books", "POST /tags",
            "PUT /authors/{id}", "PUT /books/{id}",
        ], operations);
    }

    [Fact]
    public async Task In_Development_the_Scalar_page_is_served_with_its_script_from_the_package()
    {
        var page = await Client.GetAsync("/scalar/");
        var script = await Client.GetAsync("/scalar/scalar.js");

        await AssertStatus(page, HttpStatusCode.OK);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        await AssertStatus(script, HttpStatusCode.OK);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 100_000, "The page's script is served by the application itself, not a CDN.");
    }

    // Two cases on the class's one host, each in a transaction of its own: whichever runs second would find the other's
    // tag (and its POST of the same unique name would be a 409) if a test's rows outlived it.
    [Theory, InlineData("first"), InlineData("second")]
    public async Task Tests_sharing_the_host_cannot_see_each_others_rows(string which)
    {
        var tags = await Count("SELECT count(*) FROM tags");

        await AssertStatus(await Client.PostAsJsonAsync("/tags", new { name = "isolated" }), HttpStatusCode.Created);
        await AssertStatus(await Client.PostAsJsonAsync("/authors", new { name = which }), HttpStatusCode.Created);

        Assert.Equal(tags + 1, await Count("SELECT count(*) FROM tags"));
        Assert.Equal(1, await Count("SELECT count(*) FROM authors WHERE name IN ('first', 'second')"));
    }

    private async Task<List<long>> CountRows()
    {
        var counts = new List<long>();
        foreach (var table in Tables)
            counts.Add(await Count($"SELECT count(*) FROM {table}"));
        return counts;
    }
}

public sealed class SqliteHostingTests(SqliteApi api) : HostingTests<SqliteApi>(api);

public sealed class PostgresHostingTests(PostgresApi api) : HostingTests<PostgresApi>(api);
