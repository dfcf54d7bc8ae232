using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using static Framework.Sql.Expressions;

namespace Framework.AspNetCore.Tests.Infrastructure;

/// <summary>
/// The base of the unit-of-work suites: the test app (tests/Framework.AspNetCore.TestApp) run on the class's database, each
/// host stopped after its test, and reads of what the requests left in the database through the test's own engine.
/// </summary>
public abstract class UnitOfWorkTestBase<TDatabase>(UnitOfWorkFixture<TDatabase> fixture) : IClassFixture<UnitOfWorkFixture<TDatabase>>, IAsyncLifetime
    where TDatabase : UnitOfWorkDatabase, new()
{
    private readonly List<WebApplicationFactory<Program>> _factories = [];
    private readonly List<UnitOfWorkApp> _apps = [];

    protected bool IsPostgres => fixture.Database.IsPostgres;

    /// <summary>The URL of the class's database.</summary>
    protected string DatabaseUrl => fixture.Url;

    /// <summary>The test's own engine over the database.</summary>
    protected AsyncEngine Checker => fixture.Checker;

    /// <summary>
    /// The test app on the class's database, in the Development environment unless <paramref name="configure"/> says
    /// otherwise; on Kestrel at a free loopback port when <paramref name="kestrel"/> (a client that goes away then closes a
    /// real connection, which the server notices).
    /// </summary>
    protected UnitOfWorkApp StartApp(Action<IWebHostBuilder>? configure = null, bool kestrel = false)
    {
        var log = new UnitOfWorkLog();
        var root = new WebApplicationFactory<Program>();
        _factories.Add(root);
        var factory = root.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Database:Url", fixture.Url);
            builder.ConfigureLogging(logging =>
            {
                logging.AddProvider(log);
                logging.AddFilter<UnitOfWorkLog>(UnitOfWorkLog.EngineCategory, LogLevel.Debug);
                logging.AddFilter<UnitOfWorkLog>(UnitOfWorkLog.UnitOfWorkCategory, LogLevel.Debug);
            });
            configure?.Invoke(builder);
        });
        _factories.Add(factory);
        if (kestrel)
        {
            // A free port of the loopback interface, so that test classes running at once do not compete for one.
            factory = factory.WithWebHostBuilder(builder => builder.UseUrls("http://127.0.0.1:0"));
            _factories.Add(factory);
            factory.UseKestrel();
        }
        var app = new UnitOfWorkApp(factory, log, kestrel);
        _apps.Add(app);
        return app;
    }

    /// <summary>A name no other test uses: tests of a class share its database, and each counts only its own rows.</summary>
    protected static string Unique(string prefix = "item") => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>How many items named <paramref name="name"/> the database holds, as the test's own engine reads it.</summary>
    protected async Task<long> Items(string name)
    {
        await using var conn = await Checker.ConnectAsync();
        return await conn.ScalarAsync<long>(Text("SELECT count(*) FROM items WHERE name = :name"), new { name });
    }

    protected static Task<HttpResponseMessage> PostItem(HttpClient client, string path, string name, int? ownerId = null) =>
        client.PostAsJsonAsync(path, new { name, ownerId });

    /// <summary>The body of a problem details response (RFC 9457), after checking its content type and status.</summary>
    protected static async Task<JsonElement> Problem(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var problem = document.RootElement.Clone();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
            app.Dispose();
        // Derived factories first: each stops its host, whose engine closes its pool.
        for (var i = _factories.Count - 1; i >= 0; i--)
            await _factories[i].DisposeAsync();
    }
}
