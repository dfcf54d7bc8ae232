using System.Diagnostics;
using System.Text.Json;
using Framework.AspNetCore.TestApp;
using Framework.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using static Framework.Sql.Expressions;

namespace Framework.AspNetCore.Tests.UnitOfWork;

/// <summary>
/// A commit that fails never reaches the client as a 2xx, and Framework's exceptions become problem details: an integrity
/// violation found only at COMMIT and a stale version 409, an exhausted pool 503 with Retry-After, any other commit failure
/// 500, a missing row 404, a lazy load 500; each carrying the request's trace id, and the exception's detail in
/// Development only. Nothing of the failed request's work is left in the database.
/// </summary>
public abstract class ProblemTests<TDatabase>(UnitOfWorkFixture<TDatabase> fixture) : UnitOfWorkTestBase<TDatabase>(fixture)
    where TDatabase : UnitOfWorkDatabase, new()
{
    /// <summary>The app in <paramref name="environment"/>, and a client that sends a W3C trace context with each request.</summary>
    protected (UnitOfWorkApp App, HttpClient Client, string TraceId) Traced(string environment, Action<IWebHostBuilder>? configure = null)
    {
        var app = StartApp(b =>
        {
            b.UseEnvironment(environment);
            configure?.Invoke(b);
        });
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var client = app.Client;
        client.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return (app, client, traceId);
    }

    /// <summary>
    /// Checks what every problem carries: the request's trace id, and the exception's message where it is expected (in
    /// Development: <paramref name="exception"/> is then part of it), or none.
    /// </summary>
    protected static async Task<JsonElement> Problem(HttpResponseMessage response, int status, string traceId, string? exception)
    {
        var problem = await Problem(response, status);
        Assert.Contains(traceId, problem.GetProperty("traceId").GetString(), StringComparison.Ordinal);
        if (exception is not null)
            Assert.Contains(exception, problem.GetProperty("exception").GetString(), StringComparison.Ordinal);
        else
            Assert.False(problem.TryGetProperty("exception", out _));
        return problem;
    }

    /// <summary>The exception message a problem shows in <paramref name="environment"/>: in Development only.</summary>
    protected static string? InDevelopment(string environment, string exception) => environment == "Development" ? exception : null;

    private async Task<long> Scalar(string sql, object? parameters = null)
    {
        await using var conn = await Checker.ConnectAsync();
        return Convert.ToInt64(await conn.ScalarAsync(Text(sql), parameters), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Nothing of the endpoint's answer is left (its Location header went with its 201), nor its item.</summary>
    private async Task NothingSaved(HttpResponseMessage response, string name)
    {
        Assert.Null(response.Headers.Location);
        Assert.Equal(0, await Items(name));
    }

    /// <summary>Runs <paramref name="sql"/> (which returns an integer) on the test's own connection and commits.</summary>
    private async Task<int> Write(string sql, object parameters)
    {
        await using var conn = await Checker.ConnectAsync();
        var id = await conn.ScalarAsync<int>(Text(sql), parameters);
        await conn.CommitAsync();
        return id;
    }

    [Theory, InlineData("Development"), InlineData("Production")]
    public async Task A_deferred_foreign_key_that_fails_only_at_commit_gives_409_and_leaves_no_row(string environment)
    {
        var (_, client, traceId) = Traced(environment);
        var name = Unique();

        // The INSERT succeeds (the key is checked at COMMIT): the endpoint returns 201, and the commit fails.
        var response = await PostItem(client, "/items", name, ownerId: int.MaxValue);

        var problem = await Problem(response, 409, traceId, InDevelopment(environment, IsPostgres ? "violates foreign key constraint" : "FOREIGN KEY constraint failed"));
        Assert.Equal("Conflict", problem.GetProperty("title").GetString());
        Assert.StartsWith("FWK", problem.GetProperty("code").GetString(), StringComparison.Ordinal);
        await NothingSaved(response, name);
    }

    [Theory, InlineData("Development"), InlineData("Production")]
    public async Task A_row_changed_by_someone_else_since_the_request_read_it_gives_409_and_keeps_their_change(string environment)
    {
        var (_, client, traceId) = Traced(environment);
        var name = Unique("renamed");
        var id = await Write("INSERT INTO counters (name, version) VALUES ('first', 1) RETURNING id", new { });
        var gate = Gate.Named(name);

        // The endpoint has read the row (version 1) and waits; another writer changes it meanwhile.
        var sending = client.PutAsync($"/uow/counters/{id}/{name}", null);
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, await Write("UPDATE counters SET name = 'theirs', version = version + 1 WHERE id = :id RETURNING version", new { id }));
        gate.Open();
        var response = await sending.WaitAsync(TimeSpan.FromSeconds(30));

        var problem = await Problem(response, 409, traceId, InDevelopment(environment, "expected to update 1 row(s); 0 were matched"));
        Assert.Equal("FWK3004", problem.GetProperty("code").GetString());
        Assert.Equal(1, await Scalar("SELECT count(*) FROM counters WHERE id = :id AND name = 'theirs' AND version = 2", new { id }));
    }

    [Theory, InlineData("Development"), InlineData("Production")]
    public async Task A_request_that_finds_the_pool_exhausted_gives_503_with_Retry_After_and_writes_nothing(string environment)
    {
        var (app, client, traceId) = Traced(environment, b =>
        {
            b.UseSetting("Database:PoolSize", "1");
            b.UseSetting("Database:MaxOverflow", "0");
            b.UseSetting("Database:PoolTimeout", "0.2");
            b.ConfigureServices(services => services.Configure<UnitOfWorkOptions>(options => options.RetryAfter = TimeSpan.FromSeconds(7)));
        });
        var (refused, accepted) = (Unique(), Unique());

        // The test holds the pool's one connection.
        var held = await app.Engine.ConnectAsync();
        var response = await PostItem(client, "/items", refused);
        await held.CloseAsync();

        var problem = await Problem(response, 503, traceId, InDevelopment(environment, "QueuePool limit of size 1 overflow 0 reached"));
        Assert.Equal("7", Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.Equal("FWK", problem.GetProperty("code").GetString()![..3]);
        Assert.Equal(0, await Items(refused));
        // The connection is back: the next request gets it.
        Assert.Equal(System.Net.HttpStatusCode.Created, (await PostItem(client, "/items", accepted)).StatusCode);
        Assert.Equal(1, await Items(accepted));
    }

    [Theory, InlineData("Development"), InlineData("Production")]
    public async Task Any_other_commit_failure_gives_500_and_leaves_no_row(string environment)
    {
        var (_, client, traceId) = Traced(environment);
        var name = Unique();

        // The endpoint answers 201; a BeforeCommit handler of the session then refuses the commit, after the INSERT was flushed.
        var response = await client.PostAsync($"/uow/commit-refused/{name}", null);

        var problem = await Problem(response, 500, traceId, InDevelopment(environment, "A BeforeCommit handler refused the commit."));
        Assert.Contains("nothing was saved", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await NothingSaved(response, name);
    }

    [Theory, InlineData("Development"), InlineData("Production")]
    public async Task A_missing_row_gives_404_in_every_environment(string environment)
    {
        var (_, client, traceId) = Traced(environment);

        var response = await client.GetAsync($"/items/{int.MaxValue}");

        var problem = await Problem(response, 404, traceId, InDevelopment(environment, $"No Item has the primary key {int.MaxValue}"));
        Assert.Equal("Not Found", problem.GetProperty("title").GetString());
    }

    [Theory, InlineData("Development"), InlineData("Production")]
    public async Task A_lazy_load_gives_500_naming_the_attribute_and_its_fix_in_Development_only(string environment)
    {
        var (_, client, traceId) = Traced(environment);
        var id = await Write("INSERT INTO authors (name) VALUES ('Le Guin') RETURNING id", new { });

        var response = await client.GetAsync($"/authors/{id}/book-count");

        // The detail says it all in Development; no exception message besides.
        var problem = await Problem(response, 500, traceId, exception: null);
        var detail = problem.GetProperty("detail").GetString()!;
        if (environment == "Development")
        {
            Assert.Contains("Author.Books", detail, StringComparison.Ordinal);
            Assert.Contains("SelectInLoad<Author>", detail, StringComparison.Ordinal);
            Assert.Contains("AwaitableAttrs.Books", detail, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("Books", detail, StringComparison.Ordinal);
        }
        Assert.Equal("FWK3003", problem.GetProperty("code").GetString());
    }
}

public sealed class SqliteProblemTests(UnitOfWorkFixture<SqliteUnitOfWorkDatabase> fixture) : ProblemTests<SqliteUnitOfWorkDatabase>(fixture);

public sealed class PostgresProblemTests(UnitOfWorkFixture<PostgresUnitOfWorkDatabase> fixture) : ProblemTests<PostgresUnitOfWorkDatabase>(fixture)
{
    [Theory, InlineData("Development"), InlineData("Production")]
    public async Task A_database_error_at_commit_that_is_no_conflict_gives_500_and_leaves_no_row(string environment)
    {
        var (_, client, traceId) = Traced(environment);
        await Checker.BeginAsync(async conn =>
        {
            await conn.ExecuteAsync(Text("""
                CREATE OR REPLACE FUNCTION refuse_owner() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.name LIKE 'refused-%' THEN RAISE EXCEPTION 'owner % refused at commit', NEW.name; END IF;
                    RETURN NEW;
                END $$
                """));
            await conn.ExecuteAsync(Text("DROP TRIGGER IF EXISTS refuse_owner ON owners"));
            await conn.ExecuteAsync(Text(
                "CREATE CONSTRAINT TRIGGER refuse_owner AFTER INSERT ON owners DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_owner()"));
        });
        var name = Unique("refused");

        var response = await client.PostAsync($"/uow/owners/{name}", null);

        await Problem(response, 500, traceId, InDevelopment(environment, "refused at commit"));
        await using var conn = await Checker.ConnectAsync();
        Assert.Equal(0, await conn.ScalarAsync<long>(Text("SELECT count(*) FROM owners WHERE name = :name"), new { name }));
    }
}
