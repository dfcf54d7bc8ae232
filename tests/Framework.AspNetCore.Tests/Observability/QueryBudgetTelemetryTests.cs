using System.Net;
using System.Net.Http.Json;
using Framework.AspNetCore.TestApp;
using Framework.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Framework.AspNetCore.Tests.Observability;

/// <summary>
/// What the query budget tells operators: every entry logged during a request carries, on its log scope, the statements
/// the request's sessions ran so far and their time; in Log mode (production's), a request over its budget or an N+1
/// suspect counts on the <c>Framework.AspNetCore</c> meter and keeps its response.
/// </summary>
public abstract class QueryBudgetTelemetryTests<TDatabase>(WebAppFixture<TDatabase> fixture) : WebAppTestBase<TDatabase>(fixture)
    where TDatabase : WebDatabase, new()
{
    private const int Authors = 7;
    private const string Count = "framework.db.statement_count";
    private const string Duration = "framework.db.duration";

    [Fact]
    public async Task An_entry_logged_during_a_request_carries_the_statements_run_so_far_and_their_time()
    {
        var logs = new ScopeCapture();
        var app = App(configure: web => web.ConfigureLogging(l => l.AddProvider(logs).AddFilter<ScopeCapture>(null, LogLevel.Information)));
        var client = app.CreateClient();
        using var activity = new EngineActivity(app.Services.GetRequiredService<AsyncEngine>());

        var response = await client.GetAsync("/observe/statements/3");

        response.EnsureSuccessStatusCode();
        var entries = logs.Entries.Where(e => e.Category == ObservabilityEndpoints.Category).ToList();
        Assert.Equal(2, entries.Count);
        // Read as each entry is written: none before the first statement, then the three the endpoint ran.
        Assert.Equal(0, entries[0].Scope[Count]);
        Assert.Equal(0d, entries[0].Scope[Duration]);
        Assert.Equal(3, activity.Commands);
        Assert.Equal(activity.Commands, entries[1].Scope[Count]);
        Assert.True(entries[1].Scope[Duration] is double seconds && seconds > 0, $"{Duration} is {entries[1].Scope[Duration]}.");
    }

    [Fact]
    public async Task The_query_budget_warning_carries_the_requests_statement_count_and_time()
    {
        var logs = new ScopeCapture();
        var app = App(configure: web => web.UseEnvironment("Production").ConfigureLogging(l => l.AddProvider(logs)));
        var client = app.CreateClient();
        var seeded = await AuthorsSeed.Post(client, Authors);
        using var activity = new EngineActivity(app.Services.GetRequiredService<AsyncEngine>());

        var response = await client.GetAsync(AuthorsSeed.Path("/eager/{0}/{1}/loop", seeded));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var warning = Assert.Single(logs.Entries, e => e.Id.Id == 2010);
        // The authors, then each one's books.
        Assert.Equal(Authors + 1, activity.Commands);
        Assert.Equal(activity.Commands, warning.Scope[Count]);
        Assert.True(warning.Scope[Duration] is double seconds && seconds > 0, $"{Duration} is {warning.Scope[Duration]}.");
    }

    [Theory]
    [InlineData("/eager/{0}/{1}/loop", "framework.request.n_plus_one.suspected")]
    [InlineData("/eager/{0}/{1}/budget", "framework.request.query_budget.exceeded")]
    public async Task In_Log_mode_a_request_over_its_budget_or_an_N_plus_one_counts_once_on_the_meter_and_keeps_its_response(string path, string counter)
    {
        using var meter = new WebMeterCapture();
        var client = App(configure: web => web.UseEnvironment("Production")).CreateClient();
        var seeded = await AuthorsSeed.Post(client, Authors);

        var response = await Send(client, meter, AuthorsSeed.Path(path, seeded));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Authors, (await response.Content.ReadFromJsonAsync<List<AuthorView>>())!.Count);
        var measurement = Assert.Single(meter.Measurements);
        Assert.Equal(counter, measurement.Instrument);
        Assert.Equal(1, measurement.Value);
        Assert.Equal(path.Replace("{0}", "{from:int}", StringComparison.Ordinal).Replace("{1}", "{to:int}", StringComparison.Ordinal), measurement.Tags["http.route"]);
    }

    [Theory]
    [InlineData("/eager/{0}/{1}", null)]
    [InlineData("/eager/{0}/{1}/loop", QueryBudgetMode.Off)]
    [InlineData("/eager/{0}/{1}/budget", QueryBudgetMode.Off)]
    public async Task A_request_within_its_budget_or_in_Off_mode_counts_nothing_on_the_meter(string path, QueryBudgetMode? mode)
    {
        using var meter = new WebMeterCapture();
        var client = App(configure: web => web.UseEnvironment("Production")
            .ConfigureServices(s => s.Configure<QueryBudgetOptions>(o => o.Mode = mode ?? o.Mode))).CreateClient();
        var seeded = await AuthorsSeed.Post(client, Authors);

        var response = await Send(client, meter, AuthorsSeed.Path(path, seeded));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(meter.Measurements);
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, WebMeterCapture meter, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(WebMeterCapture.MarkHeader, meter.Mark);
        return await client.SendAsync(request);
    }
}

public sealed class SqliteQueryBudgetTelemetryTests(WebAppFixture<SqliteWebDatabase> fixture) : QueryBudgetTelemetryTests<SqliteWebDatabase>(fixture);

public sealed class PostgresQueryBudgetTelemetryTests(WebAppFixture<PostgresWebDatabase> fixture) : QueryBudgetTelemetryTests<PostgresWebDatabase>(fixture);
