using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Framework.AspNetCore.Tests.Observability;

public abstract class AsyncEngineHealthCheckTests<TDatabase> : IAsyncLifetime where TDatabase : ObservedDatabase, new()
{
    private readonly TDatabase _database = new();
    private readonly List<AsyncEngine> _engines = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // An engine handed to DI as an instance is the caller's to dispose.
        foreach (var engine in _engines)
            await engine.DisposeAsync();
    }

    [Fact]
    public async Task Health_is_healthy_with_the_pools_counters_in_its_data()
    {
        var engine = Engine(await _database.UrlAsync(), new() { PoolSize = 3 });
        await using var app = await StartAsync(services =>
        {
            services.AddSingleton(engine);
            services.AddHealthChecks().AddAsyncEngineCheck();
        });

        var (status, report) = await GetAsync(app, "/health");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        var check = report.GetProperty("entries").GetProperty("framework");
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
        var data = check.GetProperty("data");
        // The probe's connection is back in the pool, idle.
        Assert.Equal(0, data.GetProperty("checkedOut").GetInt32());
        Assert.Equal(1, data.GetProperty("idle").GetInt32());
        Assert.Equal(0, data.GetProperty("overflow").GetInt32());
        Assert.Equal(0, data.GetProperty("waiting").GetInt32());
        Assert.Equal(3, data.GetProperty("size").GetInt32());
    }

    [Fact]
    public async Task Health_is_unhealthy_with_the_errors_message_when_the_database_is_unreachable()
    {
        var engine = Engine(_database.UnreachableUrl);
        await using var app = await StartAsync(services =>
        {
            services.AddSingleton(engine);
            services.AddHealthChecks().AddAsyncEngineCheck();
        });
        var expected = await Assert.ThrowsAnyAsync<DatabaseException>(async () => await (await engine.ConnectAsync()).DisposeAsync());

        var (status, report) = await GetAsync(app, "/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var check = report.GetProperty("entries").GetProperty("framework");
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.Equal(expected.Message, check.GetProperty("description").GetString());
        Assert.Equal(0, check.GetProperty("data").GetProperty("checkedOut").GetInt32());
        Assert.Equal(0, check.GetProperty("data").GetProperty("idle").GetInt32());
    }

    [Fact]
    public async Task A_keyed_engine_is_checked_under_its_own_name_status_and_tags()
    {
        var main = Engine(await _database.UrlAsync());
        var reports = Engine(_database.UnreachableUrl);
        await using var app = await StartAsync(services =>
        {
            services.AddSingleton(main);
            services.AddKeyedSingleton("reports", reports);
            services.AddHealthChecks()
                .AddAsyncEngineCheck()
                .AddAsyncEngineCheck("reports-db", serviceKey: "reports", failureStatus: HealthStatus.Degraded, tags: ["reports"]);
        }, app => app.MapHealthChecks("/health/reports", new HealthCheckOptions { Predicate = r => r.Tags.Contains("reports"), ResponseWriter = WriteReport }));

        var (allStatus, all) = await GetAsync(app, "/health");
        var (reportsStatus, onlyReports) = await GetAsync(app, "/health/reports");

        Assert.Equal(HttpStatusCode.OK, allStatus);
        Assert.Equal("Degraded", all.GetProperty("status").GetString());
        Assert.Equal("Healthy", all.GetProperty("entries").GetProperty("framework").GetProperty("status").GetString());
        Assert.Equal("Degraded", all.GetProperty("entries").GetProperty("reports-db").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, reportsStatus);
        Assert.Equal(["reports-db"], onlyReports.GetProperty("entries").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task A_probe_that_outlasts_its_timeout_fails_and_the_data_shows_the_pool_exhausted()
    {
        var engine = Engine(await _database.UrlAsync(), new() { PoolSize = 1, MaxOverflow = 0, PoolTimeout = TimeSpan.FromSeconds(30) });
        await using var app = await StartAsync(services =>
        {
            services.AddSingleton(engine);
            services.AddHealthChecks().AddAsyncEngineCheck(timeout: TimeSpan.FromMilliseconds(200));
        });
        await using var held = await engine.ConnectAsync();

        var started = TimeProvider.System.GetTimestamp();
        var (status, report) = await GetAsync(app, "/health");

        Assert.InRange(TimeProvider.System.GetElapsedTime(started), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var check = report.GetProperty("entries").GetProperty("framework");
        Assert.Contains("within the health check's timeout of 0.2 s", check.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, check.GetProperty("data").GetProperty("checkedOut").GetInt32());
        Assert.Equal(0, check.GetProperty("data").GetProperty("waiting").GetInt32());
    }

    [Fact]
    public void A_timeout_that_is_not_positive_is_refused_at_registration()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => services.AddHealthChecks().AddAsyncEngineCheck(timeout: TimeSpan.Zero));

        Assert.Equal("timeout", error.ParamName);
    }

    private AsyncEngine Engine(string url, EngineOptions? options = null)
    {
        var engine = Engines.CreateAsyncEngine(url, options);
        _engines.Add(engine);
        return engine;
    }

    private static Task<TestApp> StartAsync(Action<IServiceCollection> services, Action<WebApplication>? endpoints = null) =>
        TestApp.StartAsync(services, app =>
        {
            app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteReport });
            endpoints?.Invoke(app);
        });

    private static async Task<(HttpStatusCode Status, JsonElement Report)> GetAsync(TestApp app, string path)
    {
        using var response = await app.Client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    // The default writer sends the status alone; this one adds each check's description and data.
    private static Task WriteReport(HttpContext context, HealthReport report) => context.Response.WriteAsJsonAsync(new
    {
        status = report.Status.ToString(),
        entries = report.Entries.ToDictionary(e => e.Key, e => new
        {
            status = e.Value.Status.ToString(),
            description = e.Value.Description,
            data = e.Value.Data,
        }),
    });
}

public sealed class SqliteAsyncEngineHealthCheckTests : AsyncEngineHealthCheckTests<SqliteObservedDatabase>;

public sealed class PostgresAsyncEngineHealthCheckTests : AsyncEngineHealthCheckTests<PostgresObservedDatabase>;
