using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Framework.AspNetCore.TestApp;
using Framework.Orm;
using Framework.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Framework.Sql.Expressions;

namespace Framework.AspNetCore.Tests.Testing;

/// <summary>
/// The test kit's rollback isolation, as a user's test class uses it: one host per class (a class fixture), one test
/// transaction per test. On SQLite and PostgreSQL; the app itself is configured for SQLite files.
/// </summary>
public abstract class RollbackIsolationTests<TApp>(TApp app) : IClassFixture<TApp>, IAsyncLifetime where TApp : TestKitApp
{
    private const string Overlap = "Two sessions used the test's transaction at once";

    private HttpClient _client = null!;
    private TestTransaction _transaction = null!;

    public async Task InitializeAsync()
    {
        _client = app.CreateClient();
        _transaction = await app.BeginTestTransactionAsync();
    }

    public async Task DisposeAsync()
    {
        await _transaction.DisposeAsync();
        _client.Dispose();
    }

    private static async Task<long> CountItems(AsyncConnection connection, string name) =>
        Convert.ToInt64(await connection.ScalarAsync(Text("SELECT count(*) FROM items WHERE name = :name"), new { name }));

    private async Task<long> CountItemsOutsideTheTest(string name, string? serviceKey = null)
    {
        var engine = serviceKey is null ? app.Services.GetRequiredService<AsyncEngine>() : app.Services.GetRequiredKeyedService<AsyncEngine>(serviceKey);
        await using var connection = await engine.ConnectAsync();
        return await CountItems(connection, name);
    }

    private async Task<int> Post(string path, string name)
    {
        using var response = await _client.PostAsJsonAsync(path, new { name });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt32();
    }

    private async Task<string[]> ItemNames()
    {
        var items = await _client.GetFromJsonAsync<JsonElement>("/items");
        return [.. items.EnumerateArray().Select(item => item.GetProperty("name").GetString()!)];
    }

    [Fact]
    public async Task A_row_the_app_commits_is_seen_inside_the_test_and_gone_after_it()
    {
        var id = await Post("/items", "minimal");
        await Post("/mvc/items", "controller");

        // The request committed (its SAVEPOINT released): the next request and the test's connection both see the rows.
        using (var get = await _client.GetAsync($"/items/{id}"))
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(1, await CountItems(_transaction.Connection, "minimal"));
        Assert.Equal(1, await CountItems(_transaction.Connection, "controller"));
        Assert.Equal(0, await CountItemsOutsideTheTest("minimal"));

        await _transaction.DisposeAsync();

        Assert.Equal(0, await CountItemsOutsideTheTest("minimal"));
        Assert.Equal(0, await CountItemsOutsideTheTest("controller"));
        using var after = await _client.GetAsync($"/items/{id}");
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task A_request_the_app_rolls_back_undoes_only_its_own_work_inside_the_test()
    {
        await Post("/items", "kept");
        using (var failed = await _client.PostAsJsonAsync("/items/status/500", new { name = "status-500" }))
            Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        using (var threw = await _client.PostAsJsonAsync("/items/throw", new { name = "thrown" }))
            Assert.Equal(HttpStatusCode.InternalServerError, threw.StatusCode);
        // The unique name is taken inside the test: the app's flush fails, and its rollback to the SAVEPOINT leaves the
        // test's transaction usable.
        using (var duplicate = await _client.PostAsJsonAsync("/items", new { name = "kept" }))
            Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);

        Assert.Equal(1, await CountItems(_transaction.Connection, "kept"));
        Assert.Equal(0, await CountItems(_transaction.Connection, "status-500"));
        Assert.Equal(0, await CountItems(_transaction.Connection, "thrown"));
        Assert.Equal(["kept"], await ItemNames());
    }

    // Two cases of one test, each with a transaction of its own on the class's one host: whichever runs second would
    // find the other's row (and its POST of the same unique name would conflict) if isolation leaked.
    [Theory, InlineData("first"), InlineData("second")]
    public async Task Tests_sharing_the_app_cannot_see_each_others_rows(string which)
    {
        Assert.Empty(await ItemNames());
        await Post("/items", "same name in every test");
        await Post("/items", which);
        Assert.Equal(["same name in every test", which], await ItemNames());
    }

    [Fact]
    public async Task The_app_configured_for_sqlite_files_runs_on_the_test_databases()
    {
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        Assert.StartsWith("sqlite:///testapp.db", configuration["Database:Url"]);
        Assert.Equal(TestKitApp.ConfiguredReportsUrl, configuration["Reports:Url"]);

        var expected = Url.Parse(app.Database.Url);
        var engine = app.Services.GetRequiredService<AsyncEngine>();
        Assert.Equal(app.Database.IsPostgreSql ? "postgresql" : "sqlite", engine.Dialect.Name);
        Assert.Equal((expected.Backend, expected.Host, expected.Port, expected.Database), (engine.Url.Backend, engine.Url.Host, engine.Url.Port, engine.Url.Database));
        var reports = Url.Parse(app.Reports.Url);
        var reportsEngine = app.Services.GetRequiredKeyedService<AsyncEngine>("reports");
        Assert.Equal((reports.Backend, reports.Database), (reportsEngine.Url.Backend, reportsEngine.Url.Database));

        await Post("/items", "on the test database");
        Assert.Equal(1, await CountItems(_transaction.Connection, "on the test database"));
    }

    [Fact]
    public async Task Background_units_of_work_on_the_default_and_a_keyed_engine_join_the_test_and_are_rolled_back()
    {
        var work = app.Services.GetRequiredService<BackgroundUnitOfWork>();
        await work.RunAsync<IServiceProvider>((services, _) =>
        {
            services.GetRequiredService<AsyncSession>().Add(new Item { Name = "background" });
            services.GetRequiredKeyedService<AsyncSession>("reports").Add(new Item { Name = "report" });
            return Task.CompletedTask;
        });

        Assert.Equal(1, await CountItems(_transaction.Connection, "background"));
        Assert.Equal(1, await CountItems(_transaction.GetConnection("reports"), "report"));
        Assert.Equal(0, await CountItemsOutsideTheTest("report", "reports"));

        await _transaction.DisposeAsync();

        Assert.Equal(0, await CountItemsOutsideTheTest("background"));
        Assert.Equal(0, await CountItemsOutsideTheTest("report", "reports"));
    }

    [Fact]
    public async Task Rows_the_test_arranges_through_its_own_session_are_seen_by_the_app()
    {
        var item = new Item { Name = "arranged" };
        await using (var session = _transaction.CreateSession())
        {
            session.Add(item);
            await session.CommitAsync();
        }

        var found = await _client.GetFromJsonAsync<JsonElement>($"/items/{item.Id}");
        Assert.Equal("arranged", found.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_request_whose_session_would_overlap_another_sessions_transaction_fails_with_a_message_saying_why()
    {
        await using var session = _transaction.CreateSession();
        session.Add(new Item { Name = "held" });
        await session.FlushAsync();

        // The test's session is in its transaction: the request's session would open a SAVEPOINT inside it.
        using (var refused = await _client.GetAsync("/items"))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
            var body = await refused.Content.ReadAsStringAsync();
            Assert.Contains(Overlap, body);
            Assert.Contains("Send the test's requests one after another", body);
        }

        await session.CommitAsync();
        Assert.Equal(["held"], await ItemNames());
    }

    [Fact]
    public async Task Two_requests_at_once_get_the_overlap_message_instead_of_mixing_their_savepoints()
    {
        // A request whose session has begun its transaction and waits at a gate; another request meanwhile.
        Assert.Empty(await ItemNames());
        var name = $"hold-{Guid.NewGuid():N}";
        var gate = Framework.AspNetCore.TestApp.Gate.Named(name);
        var held = _client.GetAsync($"/hold/{name}");
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        using (var other = await _client.GetAsync("/items"))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, other.StatusCode);
            Assert.Contains(Overlap, await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        gate.Open();
        using (var heldResponse = await held)
            Assert.Equal(HttpStatusCode.OK, heldResponse.StatusCode);
        // Once the held request is done, requests work again.
        Assert.Empty(await ItemNames());
    }

    [Fact]
    public async Task One_test_transaction_is_open_per_host_and_urls_are_fixed_once_the_host_is_built()
    {
        var second = await Assert.ThrowsAsync<InvalidOperationException>(() => app.BeginTestTransactionAsync());
        Assert.Contains("A test transaction is already open on this host", second.Message);

        var late = Assert.Throws<InvalidOperationException>(() => app.UseDatabase("sqlite:///late.db"));
        Assert.Contains("Call UseDatabase before the first CreateClient()", late.Message);
    }
}

public sealed class SqliteRollbackIsolationTests(SqliteTestKitApp app) : RollbackIsolationTests<SqliteTestKitApp>(app);

public sealed class PostgresRollbackIsolationTests(PostgresTestKitApp app) : RollbackIsolationTests<PostgresTestKitApp>(app);
