using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Framework.AspNetCore.TestApp;
using Framework.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static Framework.Sql.Expressions;

namespace Framework.AspNetCore.Tests.UnitOfWork;

/// <summary>
/// A client that goes away: the statement its request's session runs is cancelled (the endpoint passes no token), the
/// request's work is rolled back, and its connection goes back to the pool clean, even after a thousand of them. On
/// Kestrel, where a cancelled client request closes its connection and the server notices.
/// </summary>
public abstract class AbortedRequestTests<TDatabase>(UnitOfWorkFixture<TDatabase> fixture) : UnitOfWorkTestBase<TDatabase>(fixture)
    where TDatabase : UnitOfWorkDatabase, new()
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // Longer than the test waits for anything: a query that ends, ends because it was cancelled.
    private const int QuerySeconds = 60;

    /// <summary>
    /// Watches the app's long queries (those of /slow and /uow/abandoned, which never end by themselves in a test's time):
    /// when each starts, and when each fails, by the request's path.
    /// </summary>
    private sealed class SlowQueries
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _started = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, TaskCompletionSource<Exception>> _failed = new(StringComparer.Ordinal);

        public SlowQueries(UnitOfWorkApp app)
        {
            var requests = app.Services.GetRequiredService<IHttpContextAccessor>();
            var events = app.Engine.SyncEngine.Events;
            // The engine's events run on the flow of the statement, which is the request's.
            events.BeforeCursorExecute += e =>
            {
                if (IsSlow(e.Sql))
                    Started(requests.HttpContext!.Request.Path).TrySetResult();
            };
            events.HandleError += e =>
            {
                if (e.Sql is { } sql && IsSlow(sql))
                    Failed(requests.HttpContext!.Request.Path).TrySetResult(e.Exception);
            };
        }

        private static bool IsSlow(string sql) => sql.Contains("pg_sleep", StringComparison.Ordinal) || sql.Contains("WITH RECURSIVE", StringComparison.Ordinal);

        public TaskCompletionSource Started(string path) => _started.GetOrAdd(path, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

        public TaskCompletionSource<Exception> Failed(string path) => _failed.GetOrAdd(path, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    /// <summary>The app on Kestrel with <paramref name="poolSize"/> connections and no overflow.</summary>
    private UnitOfWorkApp KestrelApp(int poolSize) => StartApp(b =>
    {
        b.UseSetting("Database:PoolSize", poolSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        b.UseSetting("Database:MaxOverflow", "0");
        // SQLite: a request waits for the write lock while the one before it holds it until its client leaves; on a loaded
        // machine that can outlast the default 5 s busy_timeout, which would fail the request before its query starts.
        if (!IsPostgres)
            b.UseSetting("Database:Url", DatabaseUrl + (DatabaseUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "busy_timeout=120000");
    }, kestrel: true);

    /// <summary>Sends a request, waits until its long query runs on the server, then goes away; checks that the query was cancelled.</summary>
    private static async Task Abandon(HttpClient client, SlowQueries queries, HttpMethod method, string path)
    {
        using var abort = new CancellationTokenSource();
        using var request = new HttpRequestMessage(method, path);
        var sending = client.SendAsync(request, abort.Token);
        await queries.Started(path).Task.WaitAsync(Patience);
        await abort.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        var failure = await queries.Failed(path).Task.WaitAsync(Patience);
        // What the driver says of a statement stopped in the database: PostgreSQL's query_canceled, SQLite's interrupt.
        Assert.True(failure is OperationCanceledException or Npgsql.PostgresException { SqlState: "57014" }
            or Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 9 }, failure.ToString());
    }

    /// <summary>Waits until every connection the app checked out is back (requests end on the server after their clients left).</summary>
    private static async Task<PoolStatus> PoolSettled(AsyncEngine engine)
    {
        var clock = Stopwatch.StartNew();
        while (engine.Pool.Status.CheckedOut > 0 && clock.Elapsed < Patience)
            await Task.Delay(20);
        return engine.Pool.Status;
    }

    /// <summary>Backends of the test database that sit in a transaction nobody ends (none on SQLite, which has no server).</summary>
    private async Task<long> IdleInTransaction()
    {
        if (!IsPostgres)
            return 0;
        await using var conn = await Checker.ConnectAsync();
        return await conn.ScalarAsync<long>(Text(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'"));
    }

    private async Task<long> ItemsLike(string prefix)
    {
        await using var conn = await Checker.ConnectAsync();
        return await conn.ScalarAsync<long>(Text("SELECT count(*) FROM items WHERE name LIKE :pattern"), new { pattern = prefix + "%" });
    }

    [Fact]
    public async Task A_query_of_a_request_whose_client_goes_away_is_cancelled_although_the_endpoint_passed_no_token()
    {
        var app = KestrelApp(poolSize: 1);
        var client = app.Client;
        var queries = new SlowQueries(app);

        await Abandon(client, queries, HttpMethod.Get, $"/slow/{QuerySeconds}");

        var pool = await PoolSettled(app.Engine);
        Assert.Equal(0, pool.CheckedOut);
        // The pool's one connection serves the next request.
        var name = Unique();
        Assert.Equal(HttpStatusCode.Created, (await PostItem(client, "/items", name)).StatusCode);
        Assert.Equal(1, await Items(name));
    }

    [Fact]
    public async Task A_request_aborted_mid_query_rolls_back_what_it_wrote()
    {
        var app = KestrelApp(poolSize: 1);
        var queries = new SlowQueries(app);
        var name = Unique("abandoned");

        await Abandon(app.Client, queries, HttpMethod.Post, $"/uow/abandoned/{name}/{QuerySeconds}");

        Assert.Equal(0, (await PoolSettled(app.Engine)).CheckedOut);
        Assert.Equal(0, await Items(name));
        Assert.Equal(0, await IdleInTransaction());
    }

    [Fact]
    public async Task A_thousand_requests_aborted_mid_query_roll_back_and_leave_the_pool_whole_and_no_transaction_open()
    {
        const int requests = 1000;
        // SQLite lets one transaction write at a time: the others wait for it, and their clients wait until their query runs.
        var concurrency = IsPostgres ? 8 : 2;
        var app = KestrelApp(poolSize: concurrency);
        var client = app.Client;
        var queries = new SlowQueries(app);
        var prefix = Unique("abandoned");
        var next = -1;
        var abandoned = 0;

        // Each of the thousand queries is cancelled in the database (Abandon checks it).
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < requests; i = Interlocked.Increment(ref next))
            {
                await Abandon(client, queries, HttpMethod.Post, $"/uow/abandoned/{prefix}-{i}/{QuerySeconds}");
                Interlocked.Increment(ref abandoned);
            }
        }));

        Assert.Equal(requests, abandoned);
        var pool = await PoolSettled(app.Engine);
        Assert.Equal(0, pool.CheckedOut);
        Assert.Equal(0, await IdleInTransaction());
        Assert.Equal(0, await ItemsLike(prefix));
        // Every pooled connection is clean: as many requests as the pool holds, at once, each write and commit.
        var after = Unique("after");
        var responses = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(i => PostItem(client, "/items", $"{after}-{i}")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(concurrency, await ItemsLike(after));
    }

    [Fact]
    public async Task An_endpoint_that_completes_after_its_client_went_away_commits_its_work_whole()
    {
        var app = KestrelApp(poolSize: 1);
        var name = Unique("late");
        var gate = Gate.Named(name);
        using var abort = new CancellationTokenSource();

        // The endpoint added an item (not flushed yet) and waits; the client goes away; the endpoint then returns 201.
        var sending = app.Client.PostAsync($"/uow/after-abort/{name}", null, abort.Token);
        await gate.Reached.WaitAsync(Patience);
        await abort.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        gate.Open();

        // The decision is the endpoint's status: the commit (and the flush in it) is not cancelled by the request's token.
        Assert.Equal(UnitOfWorkLog.Committed, await app.Log.Decided.WaitAsync(Patience));
        Assert.Equal(1, await Items(name));
        Assert.Equal(0, (await PoolSettled(app.Engine)).CheckedOut);
    }
}

public sealed class SqliteAbortedRequestTests(UnitOfWorkFixture<SqliteUnitOfWorkDatabase> fixture) : AbortedRequestTests<SqliteUnitOfWorkDatabase>(fixture);

public sealed class PostgresAbortedRequestTests(UnitOfWorkFixture<PostgresUnitOfWorkDatabase> fixture) : AbortedRequestTests<PostgresUnitOfWorkDatabase>(fixture);
