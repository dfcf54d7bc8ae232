using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Framework.AspNetCore.TestApp;
using Framework.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Framework.AspNetCore.Tests.JsonGuard;

/// <summary>
/// The JSON guard: serializing an entity never reads an attribute that is not loaded. Under Raise (the default) the
/// response becomes a 500 problem naming the endpoint, the entity, the attribute and the fix, with no byte of the JSON
/// sent however large it is; under Omit the attribute is left out. Minimal APIs and a controller, on both databases.
/// </summary>
public abstract class JsonGuardTests<TDatabase>(WebAppFixture<TDatabase> fixture) : WebAppTestBase<TDatabase>(fixture)
    where TDatabase : WebDatabase, new()
{
    [Theory]
    [InlineData("/jsonguard/authors/{0}", ".EagerLoad<Author>(a => a.Books)")]
    [InlineData("/jsonguard/mvc/authors/{0}", "[EagerLoad(typeof(Author), nameof(Author.Books))]")]
    public async Task Raise_answers_a_500_problem_naming_the_endpoint_the_attribute_and_the_fix(string path, string fix)
    {
        var client = App().CreateClient();
        var seed = await Seed(client);

        var response = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, seed.AuthorId));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var detail = (string)problem["detail"]!;
        Assert.Contains("Author.Books", detail, StringComparison.Ordinal);
        Assert.Contains(fix, detail, StringComparison.Ordinal);
        Assert.Contains(path.Split('{')[0].TrimEnd('/'), detail, StringComparison.Ordinal);
        Assert.Equal("FWK3003", (string)problem["code"]!);
    }

    [Theory]
    [InlineData("/jsonguard/authors/{0}/omit")]
    [InlineData("/jsonguard/mvc/authors/{0}/omit")]
    public async Task Omit_leaves_the_unloaded_relationship_out_of_the_json(string path)
    {
        var client = App().CreateClient();
        var seed = await Seed(client);

        var response = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, seed.AuthorId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var author = Assert.Single(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray())!.AsObject();
        Assert.Equal(seed.AuthorId, (int)author["id"]!);
        Assert.NotNull(author["name"]);
        Assert.False(author.ContainsKey("books"));
    }

    [Fact]
    public async Task The_app_wide_policy_applies_where_the_endpoint_says_nothing()
    {
        var client = App(settings: null, configure: web => web.ConfigureServices(services =>
            services.Configure<JsonGuardOptions>(options => options.Policy = JsonGuardPolicy.Omit))).CreateClient();
        var seed = await Seed(client);

        var author = Assert.Single((await client.GetFromJsonAsync<JsonArray>($"/jsonguard/authors/{seed.AuthorId}"))!)!.AsObject();

        Assert.False(author.ContainsKey("books"));
    }

    [Theory]
    [InlineData("/jsonguard/authors/{0}/loaded")]
    [InlineData("/jsonguard/mvc/authors/{0}/loaded")]
    public async Task Books_loaded_by_an_option_on_the_statement_are_in_the_json(string path)
    {
        var client = App().CreateClient();
        var seed = await Seed(client);

        var author = Assert.Single((await client.GetFromJsonAsync<JsonArray>(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, seed.AuthorId)))!)!;

        var books = author["books"]!.AsArray();
        Assert.Equal(3, books.Count);
        Assert.All(books, book => Assert.Equal(seed.AuthorId, (int)book!["authorId"]!));
    }

    [Fact]
    public async Task A_10000_item_response_whose_last_item_is_not_loaded_is_a_clean_500_with_no_partial_body()
    {
        var client = App().CreateClient();
        var seed = await Seed(client);

        var response = await client.GetAsync($"/jsonguard/authors/{seed.AuthorId}/many/{seed.OtherAuthorId}");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        // The whole body is the problem: none of the 9,999 authors before the failing one was sent.
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal(500, (int)problem["status"]!);
        Assert.Contains("Author.Books", (string)problem["detail"]!, StringComparison.Ordinal);
        Assert.DoesNotContain("\"books\"", body, StringComparison.Ordinal);
        Assert.True(body.Length < 2_000, $"The problem is {body.Length} characters long.");
    }

    [Fact]
    public async Task A_large_loaded_response_is_sent_whole_with_its_length()
    {
        var client = App().CreateClient();
        var seed = await Seed(client);
        var seedOther = await Seed(client);

        // The same endpoint whose last author does have its books: the held body goes out whole once the endpoint returns.
        var response = await client.GetAsync($"/jsonguard/authors/{seed.AuthorId}/many/{seed.AuthorId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        var authors = JsonNode.Parse(bytes)!.AsArray();
        Assert.Equal(10_000, authors.Count);
        Assert.All(authors, a => Assert.Equal(3, a!["books"]!.AsArray().Count));
        Assert.NotEqual(seed.AuthorId, seedOther.AuthorId);
    }

    [Fact]
    public async Task Serialization_sends_no_statement_even_where_it_reaches_unloaded_attributes()
    {
        var client = App().CreateClient();
        var seed = await Seed(client);
        var name = UniqueName("statements");

        var json = await client.GetFromJsonAsync<JsonObject>($"/jsonguard/statements/{name}/{seed.AuthorId}/{seed.PublisherId}");

        // Both unloaded relationships were reached (and left out): a lazy load of either would have been a SELECT.
        var author = Assert.Single(json!["authors"]!.AsArray())!.AsObject();
        Assert.False(author.ContainsKey("books"));
        var magazines = json["magazines"]!.AsArray();
        Assert.Equal(2, magazines.Count);
        Assert.All(magazines, m => Assert.False(m!.AsObject().ContainsKey("publisher")));
        Assert.Equal(0, JsonGuardEndpoints.StatementsAfterReturn[name]);
    }

    [Fact]
    public async Task A_back_populated_pair_leaves_out_the_way_back_from_either_side()
    {
        var client = App().CreateClient();
        var seed = await Seed(client);

        var publisher = (await client.GetFromJsonAsync<JsonObject>($"/jsonguard/publishers/{seed.PublisherId}"))!;
        var magazines = (await client.GetFromJsonAsync<JsonArray>($"/jsonguard/publishers/{seed.PublisherId}/magazines"))!;

        // Publisher -> magazines, each without its publisher (the parent being written).
        var inside = publisher["magazines"]!.AsArray();
        Assert.Equal(2, inside.Count);
        Assert.All(inside, m => Assert.False(m!.AsObject().ContainsKey("publisher")));
        Assert.All(inside, m => Assert.Equal(seed.PublisherId, (int)m!["publisherId"]!));
        // Magazine -> publisher, without its magazines.
        Assert.Equal(2, magazines.Count);
        Assert.All(magazines, m =>
        {
            var owner = m!["publisher"]!.AsObject();
            Assert.Equal(seed.PublisherId, (int)owner["id"]!);
            Assert.False(owner.ContainsKey("magazines"));
        });
    }

    [Fact]
    public async Task In_production_the_problem_hides_the_details_and_the_log_names_the_endpoint_the_attribute_and_the_fix()
    {
        var logs = new ConcurrentQueue<(EventId Id, string Message)>();
        var client = App(configure: web =>
        {
            web.UseEnvironment("Production");
            web.ConfigureLogging(logging => logging.AddProvider(new CapturingLoggerProvider(logs)));
        }).CreateClient();
        var seed = await Seed(client);

        var response = await client.GetAsync($"/jsonguard/authors/{seed.AuthorId}");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Books", body, StringComparison.Ordinal);
        var entry = Assert.Single(logs, e => e.Id.Id == 2040);
        Assert.Contains($"/jsonguard/authors/{{id:int}}", entry.Message, StringComparison.Ordinal);
        Assert.Contains("Author.Books", entry.Message, StringComparison.Ordinal);
        Assert.Contains(".EagerLoad<Author>(a => a.Books)", entry.Message, StringComparison.Ordinal);
    }

    private static async Task<JsonGuardSeed> Seed(HttpClient client)
    {
        var response = await client.PostAsync($"/jsonguard/seed/{UniqueName("author")}", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonGuardSeed>(new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<(EventId, string)> entries) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(entries);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<(EventId, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((eventId, formatter(state, exception)));
        }
    }
}

public sealed class SqliteJsonGuardTests(WebAppFixture<SqliteWebDatabase> fixture) : JsonGuardTests<SqliteWebDatabase>(fixture);

public sealed class PostgresJsonGuardTests(WebAppFixture<PostgresWebDatabase> fixture) : JsonGuardTests<PostgresWebDatabase>(fixture);
