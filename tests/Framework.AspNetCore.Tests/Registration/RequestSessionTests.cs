using System.Net;
using System.Net.Http.Json;
using Framework.AspNetCore.TestApp;
using Framework.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Framework.AspNetCore.Tests.Registration;

/// <summary>
/// The session of a request: one instance however it is reached (endpoint parameter, AsyncScopedSession, a scoped
/// service), another for every other request, and made lazily, so a request that never sends a statement costs nothing.
/// </summary>
public abstract class RequestSessionTests<TDatabase>(WebAppFixture<TDatabase> fixture) : WebAppTestBase<TDatabase>(fixture)
    where TDatabase : WebDatabase, new()
{
    [Fact]
    public async Task One_request_reaches_one_session_through_the_endpoint_the_scoped_session_and_a_scoped_service()
    {
        var client = App().CreateClient();

        var hashes = await client.GetFromJsonAsync<int[]>("/sessions");
        Assert.Equal(3, hashes!.Length);
        Assert.Single(hashes.Distinct());
        var first = await client.GetFromJsonAsync<SessionReport>("/registration/sessions");
        var second = await client.GetFromJsonAsync<SessionReport>("/registration/sessions");
        Assert.True(first!.SameEverywhere);
        Assert.True(second!.SameEverywhere);
        Assert.NotEqual(first.SessionId, second.SessionId);
    }

    [Fact]
    public async Task Concurrent_requests_each_get_a_session_of_their_own()
    {
        const int count = 20;
        var app = App();
        var client = app.CreateClient();

        // Each request waits until all are in flight, then checks again that every way to its session gives its own.
        var reports = await Task.WhenAll(Enumerable.Range(0, count)
            .Select(_ => client.GetFromJsonAsync<SessionReport>($"/registration/sessions?together={count}")));

        Assert.All(reports, report => Assert.True(report!.SameEverywhere));
        Assert.Equal(count, reports.Select(report => report!.SessionId).Distinct().Count());
        Assert.Equal(0, app.Services.GetRequiredService<AsyncEngine>().Pool.Status.CheckedOut);
    }

    [Theory]
    [InlineData("/nothing")]
    [InlineData("/registration/untouched")]
    [InlineData("/mvc/registration/untouched")]
    public async Task A_request_that_sends_no_statement_checks_out_no_connection(string path)
    {
        var app = App();
        var client = app.CreateClient();
        var engine = app.Services.GetRequiredService<AsyncEngine>();
        var idle = engine.Pool.Status.Idle;
        using var activity = new EngineActivity(engine);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((0, 0, 0, 0), (activity.Connects, activity.Checkouts, activity.Commands, activity.Transactions));
        Assert.Equal(new PoolStatus(engine.Pool.Status.Size, idle, 0, 0, 0), engine.Pool.Status);

        // The same counters see a request that reads.
        (await client.GetAsync("/items")).EnsureSuccessStatusCode();
        Assert.True(activity.Checkouts > 0 && activity.Commands > 0, activity.ToString());
    }
}

public sealed class SqliteRequestSessionTests(WebAppFixture<SqliteWebDatabase> fixture) : RequestSessionTests<SqliteWebDatabase>(fixture);

public sealed class PostgresRequestSessionTests(WebAppFixture<PostgresWebDatabase> fixture) : RequestSessionTests<PostgresWebDatabase>(fixture);
