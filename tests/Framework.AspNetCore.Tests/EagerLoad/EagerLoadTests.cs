using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Framework.AspNetCore.TestApp;
using Framework.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Framework.AspNetCore.Tests.EagerLoad;

/// <summary>
/// Eager-load policies as endpoint metadata (minimal APIs, route groups, controllers) become the request's sessions'
/// default loader options; the query budget and the N+1 detector judge each request's statements before its response starts.
/// </summary>
public abstract class EagerLoadTests<TDatabase>(WebAppFixture<TDatabase> fixture) : WebAppTestBase<TDatabase>(fixture)
    where TDatabase : WebDatabase, new()
{
    private const int Authors = 7;

    [Theory]
    [InlineData("/eager/{0}/{1}", "/eager/{0}/{1}/names")]
    [InlineData("/eager/group/{0}/{1}", "/eager/{0}/{1}/names")]
    [InlineData("/mvc/eager/{0}/{1}", "/mvc/eager/{0}/{1}/without")]
    public async Task An_eager_load_policy_sends_exactly_one_more_statement_and_the_response_has_the_children(string eager, string plain)
    {
        var app = App();
        var client = app.CreateClient();
        var seeded = await AuthorsSeed.Post(client, Authors);

        var without = await Commands(app, () => client.GetAsync(AuthorsSeed.Path(plain, seeded)));
        var (with, views) = await Read(app, client, AuthorsSeed.Path(eager, seeded));

        Assert.Equal(without + 1, with);
        AssertBooks(views);
    }

    [Theory]
    [InlineData("/eager/typed-group/{0}/{1}")]
    [InlineData("/eager/typed-group/one/{0}")]
    public async Task A_route_groups_policy_applies_to_each_endpoint_of_the_group(string path)
    {
        var app = App();
        var client = app.CreateClient();
        var seeded = await AuthorsSeed.Post(client, Authors);

        var (statements, views) = await Read(app, client, AuthorsSeed.Path(path, seeded));

        // The authors (a SELECT, or GetAsync's), then their books in one select-in.
        Assert.Equal(2, statements);
        Assert.Equal(path.Contains("/one/", StringComparison.Ordinal) ? 1 : Authors, views.Count);
        Assert.Equal(seeded.First, views[0].Id);
        Assert.All(views, v => Assert.Equal([$"{v.Name} I", $"{v.Name} II"], v.Books));
    }

    [Fact]
    public async Task A_body_posted_to_a_group_declared_with_a_lambda_policy_is_validated_before_the_endpoint_runs()
    {
        var app = App();
        var client = app.CreateClient();
        var name = $"author-{Guid.NewGuid():N}";

        using var activity = new EngineActivity(app.Services.GetRequiredService<AsyncEngine>());
        var invalid = await client.PostAsJsonAsync("/eager/typed-group/", new { name = "", books = 9 });
        var statementsOfInvalid = activity.Commands;
        var valid = await client.PostAsJsonAsync("/eager/typed-group/", new { name, books = 2 });

        // ASP.NET Core's validation answered the invalid body, naming both fields; the endpoint never ran.
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("application/problem+json", invalid.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync());
        Assert.Equal(["Books", "Name"], problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(0, statementsOfInvalid);
        Assert.Equal(HttpStatusCode.Created, valid.StatusCode);
        var created = (await valid.Content.ReadFromJsonAsync<AuthorView>())!;
        Assert.Equal(name, created.Name);
        Assert.Equal([$"{name} 1", $"{name} 2"], created.Books);
    }

    [Theory]
    [InlineData("/eager/chain/{0}/{1}", 3)]
    [InlineData("/mvc/eager/chain/{0}/{1}", 3)]
    [InlineData("/eager/chain/{0}/{1}/joined", 2)]
    [InlineData("/mvc/eager/chain/{0}/{1}/joined", 2)]
    public async Task A_chained_policy_loads_the_grandchildren_in_one_statement_per_level_and_joins_the_first_level(string path, int expected)
    {
        var app = App();
        var client = app.CreateClient();
        var seeded = await AuthorsSeed.Post(client, Authors, chapters: true);

        using var activity = new EngineActivity(app.Services.GetRequiredService<AsyncEngine>());
        var chain = await client.GetAsync(AuthorsSeed.Path(path, seeded));

        Assert.True(chain.IsSuccessStatusCode, await chain.Content.ReadAsStringAsync());
        // Select-in: the authors, their books, the books' chapters. Joined: the books in the authors' SELECT, then the chapters
        // by select-in (the ORM joins the first level of a path only; a joined load below it runs as select-in).
        Assert.True(expected == activity.Commands, string.Join("\n", activity.Sql));
        var authors = JsonNode.Parse(await chain.Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal(Enumerable.Range(seeded.First, Authors), authors.Select(a => (int)a!["id"]!));
        Assert.All(authors, author =>
        {
            var books = author!["books"]!.AsArray().OrderBy(b => (int)b!["id"]!).ToList();
            Assert.Equal([$"{author["name"]} I", $"{author["name"]} II"], books.Select(b => (string)b!["title"]!));
            Assert.All(books, book =>
            {
                var title = (string)book!["title"]!;
                var chapters = book["chapters"]!.AsArray();
                Assert.Equal(Enumerable.Range(1, EagerLoadEndpoints.ChapterCount(title)).Select(i => $"{title}.{i}"),
                    chapters.Select(c => (string)c!["title"]!).Order(StringComparer.Ordinal));
                Assert.All(chapters, c => Assert.Equal((int)book["id"]!, (int)c!["bookId"]!));
                // The way back to the book (back-populated) is left out inside it.
                Assert.All(chapters, c => Assert.False(c!.AsObject().ContainsKey("book")));
            });
        });
    }

    [Fact]
    public async Task An_option_written_on_the_statement_wins_over_the_endpoints_policy()
    {
        var app = App();
        var client = app.CreateClient();
        var seeded = await AuthorsSeed.Post(client, Authors);

        var without = await Commands(app, () => client.GetAsync(AuthorsSeed.Path("/eager/{0}/{1}/names", seeded)));
        var (joined, views) = await Read(app, client, AuthorsSeed.Path("/eager/{0}/{1}/explicit", seeded));

        // The joined load is the only SELECT: the policy's select-in did not run besides.
        Assert.Equal(without, joined);
        AssertBooks(views);
    }

    [Theory]
    [InlineData("/eager/{0}/{1}/loop")]
    [InlineData("/mvc/eager/{0}/{1}/loop")]
    public async Task Loading_children_one_by_one_is_answered_in_Development_with_a_500_naming_the_N_plus_one_and_its_fix(string path)
    {
        var client = App().CreateClient();
        var seeded = await AuthorsSeed.Post(client, Authors);

        var response = await client.GetAsync(AuthorsSeed.Path(path, seeded));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = problem.RootElement;
        Assert.Contains("N+1 suspected", root.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(Authors + 1, root.GetProperty("statementCount").GetInt32());
        var suspect = Assert.Single(root.GetProperty("nPlusOne").EnumerateArray());
        Assert.Equal(Authors, suspect.GetProperty("count").GetInt32());
        Assert.Equal("Author.Books", suspect.GetProperty("relationship").GetString());
        Assert.Equal(".EagerLoad<Author>(a => a.Books)", suspect.GetProperty("fix").GetString());
        Assert.Contains("books", suspect.GetProperty("sql").GetString(), StringComparison.OrdinalIgnoreCase);
        var statements = root.GetProperty("statements").EnumerateArray().ToList();
        Assert.Equal(Authors + 1, statements.Sum(s => s.GetProperty("count").GetInt32()));
        if (path.StartsWith("/mvc", StringComparison.Ordinal))
            Assert.Equal(3, root.GetProperty("budget").GetInt32());
    }

    [Fact]
    public async Task A_request_over_its_budget_gets_a_500_listing_its_statements_in_Development()
    {
        var client = App().CreateClient();
        var seeded = await AuthorsSeed.Post(client, Authors);

        var response = await client.GetAsync(AuthorsSeed.Path("/eager/{0}/{1}/budget", seeded));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = problem.RootElement;
        Assert.Equal(1, root.GetProperty("budget").GetInt32());
        Assert.Equal(2, root.GetProperty("statementCount").GetInt32());
        Assert.Equal(2, root.GetProperty("statements").GetArrayLength());
        Assert.False(root.TryGetProperty("nPlusOne", out _));
        Assert.Contains("over its query budget of 1", root.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/eager/{0}/{1}/loop")]
    [InlineData("/eager/{0}/{1}/budget")]
    public async Task In_Production_the_response_is_unchanged_and_a_warning_is_logged(string path)
    {
        var logs = new LogCapture();
        var client = App(configure: b => b.UseEnvironment("Production").ConfigureLogging(l => l.AddProvider(logs))).CreateClient();
        var seeded = await AuthorsSeed.Post(client, Authors);

        var response = await client.GetAsync(AuthorsSeed.Path(path, seeded));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertBooks((await response.Content.ReadFromJsonAsync<List<AuthorView>>())!);
        var entry = Assert.Single(logs.Entries, e => e.Id.Id == 2010);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal("Framework.AspNetCore.QueryBudget", entry.Category);
        Assert.Contains(path.EndsWith("loop", StringComparison.Ordinal) ? ".EagerLoad<Author>(a => a.Books)" : "query budget of 1", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Off_mode_neither_answers_with_a_problem_nor_logs()
    {
        var logs = new LogCapture();
        var client = App(configure: b => b.ConfigureLogging(l => l.AddProvider(logs))
            .ConfigureServices(s => s.Configure<QueryBudgetOptions>(o => o.Mode = QueryBudgetMode.Off))).CreateClient();
        var seeded = await AuthorsSeed.Post(client, Authors);

        var loop = await client.GetAsync(AuthorsSeed.Path("/eager/{0}/{1}/loop", seeded));
        var budget = await client.GetAsync(AuthorsSeed.Path("/eager/{0}/{1}/budget", seeded));

        Assert.Equal(HttpStatusCode.OK, loop.StatusCode);
        Assert.Equal(HttpStatusCode.OK, budget.StatusCode);
        Assert.DoesNotContain(logs.Entries, e => e.Id.Id == 2010);
    }

    [Fact]
    public void A_path_that_names_no_relationship_is_refused_with_the_path_named()
    {
        var missing = Assert.Throws<ArgumentException>(() => new EagerLoadAttribute(typeof(Author), "Chapters"));
        Assert.Contains("Author has no public property 'Chapters'", missing.Message, StringComparison.Ordinal);
        var column = Assert.Throws<ArgumentException>(() => new EagerLoadAttribute(typeof(Author), "Books.Title"));
        Assert.Contains("\"Books.Title\"", column.Message, StringComparison.Ordinal);
        Assert.Contains("Book.Title is not a relationship", column.Message, StringComparison.Ordinal);
    }

    private static async Task<int> Commands(TestAppFactory app, Func<Task<HttpResponseMessage>> send)
    {
        using var activity = new EngineActivity(app.Services.GetRequiredService<AsyncEngine>());
        var response = await send();
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return activity.Commands;
    }

    private static async Task<(int Commands, List<AuthorView> Views)> Read(TestAppFactory app, HttpClient client, string path)
    {
        HttpResponseMessage? response = null;
        var commands = await Commands(app, async () => response = await client.GetAsync(path));
        return (commands, (await response!.Content.ReadFromJsonAsync<List<AuthorView>>())!);
    }

    private static void AssertBooks(List<AuthorView> views)
    {
        Assert.Equal(Authors, views.Count);
        Assert.All(views, v => Assert.Equal([$"{v.Name} I", $"{v.Name} II"], v.Books));
    }
}

public sealed class SqliteEagerLoadTests(WebAppFixture<SqliteWebDatabase> fixture) : EagerLoadTests<SqliteWebDatabase>(fixture);

public sealed class PostgresEagerLoadTests(WebAppFixture<PostgresWebDatabase> fixture) : EagerLoadTests<PostgresWebDatabase>(fixture);
