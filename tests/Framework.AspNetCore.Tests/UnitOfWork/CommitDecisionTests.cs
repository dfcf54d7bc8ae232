using System.Net;
using System.Net.Http.Json;
using Framework.AspNetCore.TestApp;
using Framework.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Framework.AspNetCore.Tests.UnitOfWork;

/// <summary>
/// What the request's status decides: a 2xx commits, any other status or an exception rolls back, whatever shape the
/// endpoint has (a minimal API returning IResult or TypedResults, one writing its response by hand, a streamed
/// IAsyncEnumerable, a controller action); the configured extra codes move single statuses across that line.
/// </summary>
public abstract class CommitDecisionTests<TDatabase>(UnitOfWorkFixture<TDatabase> fixture) : UnitOfWorkTestBase<TDatabase>(fixture)
    where TDatabase : UnitOfWorkDatabase, new()
{
    [Fact]
    public async Task A_minimal_api_returning_TypedResults_Created_commits()
    {
        var client = StartApp().Client;
        var name = Unique();

        var response = await PostItem(client, "/items", name);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var item = await response.Content.ReadFromJsonAsync<Item>();
        Assert.Equal(name, item!.Name);
        Assert.Equal($"/items/{item.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal(1, await Items(name));
    }

    [Theory, InlineData(200), InlineData(202), InlineData(204)]
    public async Task A_minimal_api_returning_a_2xx_IResult_commits(int status)
    {
        var client = StartApp().Client;
        var name = Unique();

        var response = await PostItem(client, $"/items/status/{status}", name);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(1, await Items(name));
    }

    [Theory, InlineData(302), InlineData(400), InlineData(404), InlineData(409), InlineData(422), InlineData(500), InlineData(503)]
    public async Task A_minimal_api_returning_any_other_status_rolls_back(int status)
    {
        var client = StartApp().Client;
        var name = Unique();

        var response = await PostItem(client, $"/items/status/{status}", name);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(0, await Items(name));
    }

    [Theory, InlineData("Development"), InlineData("Production")]
    public async Task An_endpoint_that_throws_after_writing_rolls_back_and_answers_500(string environment)
    {
        // On Kestrel: the test server would hand the unhandled exception to the client instead of answering 500.
        var client = StartApp(b => b.UseEnvironment(environment), kestrel: true).Client;
        var name = Unique();

        var response = await PostItem(client, "/items/throw", name);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(0, await Items(name));
    }

    [Fact]
    public async Task An_endpoint_that_writes_its_response_by_hand_commits_before_its_first_byte()
    {
        var client = StartApp().Client;
        var name = Unique();

        var response = await PostItem(client, "/items/write-by-hand", name);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("written by hand", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await Items(name));
    }

    [Fact]
    public async Task A_streamed_response_is_committed_before_it_starts_and_what_the_stream_writes_later_is_rolled_back()
    {
        var client = StartApp().Client;
        var name = Unique();
        var gate = Gate.Named(name);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/uow/stream/{name}");
        var sending = client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        // The stream has started (its first element is out) and waits at the gate: its write is committed already.
        using var response = await sending.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await Items(name));
        gate.Open();

        // What the stream wrote after its response had started comes after the decision, and is not committed.
        Assert.Equal([name, name + "-late"], (await response.Content.ReadFromJsonAsync<string[]>())!);
        Assert.Equal(1, await Items(name));
        Assert.Equal(0, await Items(name + "-late"));
    }

    [Fact]
    public async Task A_controller_action_returning_CreatedAtAction_commits()
    {
        var client = StartApp().Client;
        var name = Unique();

        var response = await PostItem(client, "/mvc/items", name);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var item = await response.Content.ReadFromJsonAsync<Item>();
        Assert.EndsWith($"/mvc/items/{item!.Id}", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(1, await Items(name));
        var read = await client.GetFromJsonAsync<Item>($"/mvc/items/{item.Id}");
        Assert.Equal(name, read!.Name);
    }

    [Fact]
    public async Task A_controller_action_returning_Conflict_rolls_back()
    {
        var client = StartApp().Client;
        var name = Unique();

        var response = await PostItem(client, "/mvc/items/conflict", name);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(0, await Items(name));
    }

    [Fact]
    public async Task Extra_commit_status_codes_commit_and_extra_rollback_status_codes_roll_back()
    {
        var client = StartApp(b => b.ConfigureServices(services => services.Configure<UnitOfWorkOptions>(options =>
        {
            options.CommitStatusCodes.Add(302);
            options.CommitStatusCodes.Add(404);
            options.RollbackStatusCodes.Add(202);
        }))).Client;
        var (found, notFound, accepted, ok, conflict) = (Unique(), Unique(), Unique(), Unique(), Unique());

        Assert.Equal(HttpStatusCode.Found, (await PostItem(client, "/items/status/302", found)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostItem(client, "/items/status/404", notFound)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostItem(client, "/items/status/202", accepted)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostItem(client, "/items/status/200", ok)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PostItem(client, "/items/status/409", conflict)).StatusCode);

        Assert.Equal(1, await Items(found));
        Assert.Equal(1, await Items(notFound));
        Assert.Equal(0, await Items(accepted));
        Assert.Equal(1, await Items(ok));
        Assert.Equal(0, await Items(conflict));
    }

    [Fact]
    public async Task A_minimal_api_without_auto_commit_keeps_only_what_it_committed_itself()
    {
        var client = StartApp().Client;
        var (left, committed) = (Unique(), Unique() + "-commit");

        Assert.Equal(HttpStatusCode.OK, (await PostItem(client, "/items/manual", left)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostItem(client, "/items/manual", committed)).StatusCode);

        // A 200 that the middleware would have committed: the endpoint opted out, and closing its session rolled back what it left.
        Assert.Equal(0, await Items(left));
        Assert.Equal(1, await Items(committed));
    }

    [Fact]
    public async Task A_controller_action_marked_NoAutoCommit_is_not_committed_on_a_2xx()
    {
        var client = StartApp().Client;
        var name = Unique();

        Assert.Equal(HttpStatusCode.OK, (await PostItem(client, "/mvc/items/manual", name)).StatusCode);

        Assert.Equal(0, await Items(name));
    }
}

public sealed class SqliteCommitDecisionTests(UnitOfWorkFixture<SqliteUnitOfWorkDatabase> fixture) : CommitDecisionTests<SqliteUnitOfWorkDatabase>(fixture);

public sealed class PostgresCommitDecisionTests(UnitOfWorkFixture<PostgresUnitOfWorkDatabase> fixture) : CommitDecisionTests<PostgresUnitOfWorkDatabase>(fixture);
