using System.Net;
using Framework.AspNetCore.Tests.Infrastructure;

namespace Framework.AspNetCore.Tests.UnitOfWork;

/// <summary><c>.WithIsolationLevel(...)</c>: the endpoint's transactions run at its level; other endpoints' at the database's default.</summary>
public abstract class IsolationLevelTests<TDatabase>(UnitOfWorkFixture<TDatabase> fixture) : UnitOfWorkTestBase<TDatabase>(fixture)
    where TDatabase : UnitOfWorkDatabase, new()
{
    protected static async Task<(string Body, IReadOnlyList<string> Sent)> Get(UnitOfWorkApp app, string path)
    {
        app.Log.Clear();
        var response = await app.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync(), app.Log.Sent);
    }
}

public sealed class SqliteIsolationLevelTests(UnitOfWorkFixture<SqliteUnitOfWorkDatabase> fixture) : IsolationLevelTests<SqliteUnitOfWorkDatabase>(fixture)
{
    [Fact]
    public async Task A_serializable_endpoint_begins_its_transaction_at_its_first_read_and_a_plain_read_begins_none()
    {
        var app = StartApp();
        await Get(app, "/uow/isolation");

        var (_, serializable) = await Get(app, "/isolation");
        var (_, plain) = await Get(app, "/uow/isolation");

        // SERIALIZABLE keeps one snapshot from the first statement, so its BEGIN is not deferred to the first write; a plain
        // read runs before any BEGIN and sends none.
        Assert.StartsWith("BEGIN IMMEDIATE", serializable[0], StringComparison.Ordinal);
        Assert.DoesNotContain(plain, sent => sent.StartsWith("BEGIN", StringComparison.Ordinal));
    }
}

public sealed class PostgresIsolationLevelTests(UnitOfWorkFixture<PostgresUnitOfWorkDatabase> fixture) : IsolationLevelTests<PostgresUnitOfWorkDatabase>(fixture)
{
    [Fact]
    public async Task A_serializable_endpoint_runs_in_a_serializable_transaction_and_others_at_the_default()
    {
        var app = StartApp();

        var (serializable, sent) = await Get(app, "/isolation");
        var (plain, _) = await Get(app, "/uow/isolation");

        Assert.Equal("serializable", serializable);
        Assert.Equal("BEGIN", sent[0][..5]);
        Assert.Equal("read committed", plain);
    }
}
