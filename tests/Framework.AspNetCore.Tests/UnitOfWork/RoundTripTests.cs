using System.Net;
using Framework.AspNetCore.Tests.Infrastructure;
using static Framework.Sql.Expressions;

namespace Framework.AspNetCore.Tests.UnitOfWork;

/// <summary>
/// What the unit of work costs in round trips, as the app's engine logs what it sends: a request that never uses its
/// session checks out nothing and sends nothing; one that only reads sends its query and no BEGIN, COMMIT or ROLLBACK,
/// whether the status commits or rolls back; one that writes sends BEGIN, its statements and the COMMIT or ROLLBACK.
/// </summary>
public abstract class RoundTripTests<TDatabase>(UnitOfWorkFixture<TDatabase> fixture) : UnitOfWorkTestBase<TDatabase>(fixture)
    where TDatabase : UnitOfWorkDatabase, new()
{
    private int _checkouts;

    /// <summary>The app, started, with a connection in its pool that has run its first statements, and nothing logged yet.</summary>
    private async Task<UnitOfWorkApp> WarmApp()
    {
        var app = StartApp();
        app.Engine.SyncEngine.Events.Checkout += _ => Interlocked.Increment(ref _checkouts);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/items")).StatusCode);
        app.Log.Clear();
        _checkouts = 0;
        return app;
    }

    private async Task<int> AddItem(string name)
    {
        await using var conn = await Checker.ConnectAsync();
        var id = await conn.ScalarAsync<int>(Text("INSERT INTO items (name) VALUES (:name) RETURNING id"), new { name });
        await conn.CommitAsync();
        return id;
    }

    [Theory, InlineData("/nothing"), InlineData("/sessions")]
    public async Task A_request_that_never_uses_its_session_checks_out_nothing_and_sends_nothing(string path)
    {
        // /sessions has its AsyncSession injected three ways and runs nothing on it.
        var app = await WarmApp();

        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync(path)).StatusCode);

        Assert.Empty(app.Log.Sent);
        Assert.Equal(0, _checkouts);
    }

    [Theory, InlineData(true), InlineData(false)]
    public async Task A_request_that_only_reads_sends_its_query_alone_whether_its_status_commits_or_rolls_back(bool found)
    {
        var id = found ? await AddItem(Unique()) : int.MaxValue;
        var app = await WarmApp();

        // The controller answers 404 for a missing item: a status that rolls back.
        var response = await app.Client.GetAsync($"/mvc/items/{id}");

        Assert.Equal(found ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.StatusCode);
        var sent = Assert.Single(app.Log.Sent);
        Assert.StartsWith("SELECT", sent, StringComparison.Ordinal);
        Assert.Equal(1, _checkouts);
    }

    [Fact]
    public async Task A_request_that_writes_sends_BEGIN_its_statement_and_COMMIT_and_one_that_fails_sends_ROLLBACK()
    {
        // What the two tests above count is there to be counted: a request that writes shows it all.
        var app = await WarmApp();

        Assert.Equal(HttpStatusCode.Created, (await PostItem(app.Client, "/items", Unique())).StatusCode);
        var committed = app.Log.Sent;
        app.Log.Clear();
        Assert.Equal(HttpStatusCode.BadRequest, (await PostItem(app.Client, "/items/status/400", Unique())).StatusCode);
        var rolledBack = app.Log.Sent;

        Assert.Collection(committed,
            begin => Assert.StartsWith("BEGIN", begin, StringComparison.Ordinal),
            insert => Assert.StartsWith("INSERT INTO items", insert, StringComparison.Ordinal),
            commit => Assert.Equal("COMMIT", commit));
        Assert.Collection(rolledBack,
            begin => Assert.StartsWith("BEGIN", begin, StringComparison.Ordinal),
            insert => Assert.StartsWith("INSERT INTO items", insert, StringComparison.Ordinal),
            rollback => Assert.Equal("ROLLBACK", rollback));
        Assert.Equal(2, _checkouts);
    }
}

public sealed class SqliteRoundTripTests(UnitOfWorkFixture<SqliteUnitOfWorkDatabase> fixture) : RoundTripTests<SqliteUnitOfWorkDatabase>(fixture);

public sealed class PostgresRoundTripTests(UnitOfWorkFixture<PostgresUnitOfWorkDatabase> fixture) : RoundTripTests<PostgresUnitOfWorkDatabase>(fixture);
