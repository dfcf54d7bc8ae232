using Framework.Orm;
using static Framework.Sql.Expressions;

namespace Framework.AspNetCore.TestApp;

/// <summary>Endpoints for the tests of the request's unit of work (tests/Framework.AspNetCore.Tests/UnitOfWork).</summary>
public static class UnitOfWorkEndpoints
{
    public static WebApplication MapUnitOfWorkEndpoints(this WebApplication app)
    {
        var uow = app.MapGroup("/uow");

        // Streams the item it wrote, waits at the gate while the test reads the database, then writes once more: that
        // second write comes after the commit and is rolled back.
        uow.MapPost("/stream/{name}", (string name, AsyncSession session) => StreamThenWriteLate(name, session));

        // Reads a counter, waits at the gate while the test changes the row, then renames it: the commit's UPDATE finds
        // another version.
        uow.MapPut("/counters/{id:int}/{name}", async (int id, string name, AsyncSession session) =>
        {
            var counter = await session.GetOneAsync<Counter>(id);
            await Gate.Named(name).Pass();
            counter.Name = name;
            return TypedResults.Ok(name);
        });

        // A commit that fails for a reason of the application's, neither a constraint nor a version.
        uow.MapPost("/commit-refused/{name}", (string name, AsyncSession session) =>
        {
            session.Add(new Item { Name = name });
            session.Events.BeforeCommit += _ => throw new InvalidOperationException("A BeforeCommit handler refused the commit.");
            return TypedResults.Created($"/items/{name}", name);
        });

        uow.MapPost("/owners/{name}", (string name, AsyncSession session) =>
        {
            session.Add(new Owner { Name = name });
            return TypedResults.Created($"/owners/{name}", name);
        });

        // Writes, then runs a query of the given length without passing a token: only the session's default token (the
        // request's RequestAborted) can stop it.
        uow.MapPost("/abandoned/{name}/{seconds:double}", async (string name, double seconds, AsyncSession session) =>
        {
            session.Add(new Item { Name = name });
            await session.FlushAsync();
            return await session.ScalarAsync(Slow(session, seconds));
        });

        // Writes without flushing, then completes with 201 once the client has gone away: the commit (and the flush in it)
        // comes after the request was aborted.
        uow.MapPost("/after-abort/{name}", async (string name, AsyncSession session, HttpContext context) =>
        {
            session.Add(new Item { Name = name });
            await Gate.Named(name).Pass();
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
            }
            return TypedResults.Created($"/items/{name}", name);
        });

        // What /isolation asks, from an endpoint that asks for no isolation level.
        uow.MapGet("/isolation", async (AsyncSession session) =>
            Convert.ToString(await session.ScalarAsync(Text(session.SyncSession.Engine.Dialect.Name == "postgresql" ? "SHOW transaction_isolation" : "SELECT 1")),
                System.Globalization.CultureInfo.InvariantCulture));

        return app;
    }

    private static Framework.Sql.TextClause Slow(AsyncSession session, double seconds) =>
        Text(session.SyncSession.Engine.Dialect.Name == "postgresql"
            ? $"SELECT pg_sleep({seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)})"
            : $"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < {(long)(seconds * 3_000_000)}) SELECT max(x) FROM c");

    private static async IAsyncEnumerable<string> StreamThenWriteLate(string name, AsyncSession session)
    {
        session.Add(new Item { Name = name });
        await session.FlushAsync();
        yield return name;
        await Gate.Named(name).Pass();
        session.Add(new Item { Name = name + "-late" });
        await session.FlushAsync();
        yield return name + "-late";
    }
}
