using System.Runtime.CompilerServices;
using Framework;
using Framework.AspNetCore.TestApp;
using Framework.Orm;
using static Framework.Sql.Expressions;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAsyncEngine(builder.Configuration.GetSection("Database"));
if (builder.Configuration.GetSection("Reports").Exists())
    builder.Services.AddKeyedAsyncEngine("reports", builder.Configuration.GetSection("Reports"));
builder.Services.AddControllers();
// ASP.NET Core's minimal API validation, for the group declared with .EagerLoad<Author>(a => a.Books) (EagerLoadEndpoints).
builder.Services.AddValidation();
builder.Services.AddScoped<SessionProbe>();

var app = builder.Build();
app.MapControllers();
app.MapRegistrationEndpoints();
app.MapEagerLoadEndpoints();
app.MapJsonGuardEndpoints();
app.MapJsonGuardColumnEndpoints();
app.MapObservabilityEndpoints();

// The schema, made before the first request (CreateAll skips tables that exist).
var engine = app.Services.GetRequiredService<AsyncEngine>();
await engine.BeginAsync(async connection => await connection.RunSyncAsync(Base.MetaData.CreateAll));

// Reads and writes, each ending in a different way.
app.MapGet("/items/{id:int}", async (int id, AsyncSession session) => await session.GetOneAsync<Item>(id));
app.MapGet("/items", async (AsyncSession session) => (await session.ScalarsAsync(Select<Item>().OrderBy(i => i.Id))).All());
app.MapPost("/items", async (NewItem body, AsyncSession session) =>
{
    var item = new Item { Name = body.Name, OwnerId = body.OwnerId };
    session.Add(item);
    await session.FlushAsync();
    return TypedResults.Created($"/items/{item.Id}", item);
});
app.MapPost("/items/status/{status:int}", async (int status, NewItem body, AsyncSession session) =>
{
    session.Add(new Item { Name = body.Name });
    await session.FlushAsync();
    return Results.StatusCode(status);
});
app.MapPost("/items/throw", async (NewItem body, AsyncSession session) =>
{
    session.Add(new Item { Name = body.Name });
    await session.FlushAsync();
    throw new InvalidOperationException("The endpoint failed after writing.");
});
app.MapPost("/items/write-by-hand", async (NewItem body, AsyncSession session, HttpContext context) =>
{
    session.Add(new Item { Name = body.Name });
    await session.FlushAsync();
    context.Response.StatusCode = StatusCodes.Status201Created;
    await context.Response.WriteAsync("written by hand");
});
app.MapPost("/items/stream", (NewItem body, AsyncSession session) => Stream(body, session));
app.MapPost("/items/manual", async (NewItem body, AsyncSession session) =>
{
    session.Add(new Item { Name = body.Name });
    await session.FlushAsync();
    if (body.Name.EndsWith("commit", StringComparison.Ordinal))
        await session.CommitAsync();
    return Results.Ok();
}).WithoutAutoCommit();
app.MapGet("/isolation", async (AsyncSession session) =>
    Convert.ToString(await session.ScalarAsync(Text(session.SyncSession.Engine.Dialect.Name == "postgresql" ? "SHOW transaction_isolation" : "PRAGMA read_uncommitted")), System.Globalization.CultureInfo.InvariantCulture))
    .WithIsolationLevel(System.Data.IsolationLevel.Serializable);
app.MapGet("/nothing", () => "no database");
app.MapGet("/sessions", (AsyncSession session, AsyncScopedSession scoped, SessionProbe probe) =>
    new[] { RuntimeHelpers.GetHashCode(session), RuntimeHelpers.GetHashCode(scoped.Current), RuntimeHelpers.GetHashCode(probe.Session) });
// Reads (which begins the session's transaction), then waits at a gate until the test lets it finish.
app.MapGet("/hold/{name}", async (string name, AsyncSession session) =>
{
    await session.ScalarAsync(Text("SELECT 1"));
    await Gate.Named(name).Pass();
    return name;
});
app.MapGet("/slow/{seconds:double}", async (double seconds, AsyncSession session) =>
    await session.ScalarAsync(Text(session.SyncSession.Engine.Dialect.Name == "postgresql"
        ? $"SELECT pg_sleep({seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)})"
        : $"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < {(long)(seconds * 3_000_000)}) SELECT max(x) FROM c")));
app.MapGet("/authors/{id:int}/book-count", async (int id, AsyncSession session) =>
    (await session.GetOneAsync<Author>(id)).Books.Count);
app.MapUnitOfWorkEndpoints();

app.Run();

static async IAsyncEnumerable<Item> Stream(NewItem body, AsyncSession session)
{
    var item = new Item { Name = body.Name };
    session.Add(item);
    await session.FlushAsync();
    yield return item;
}

/// <summary>The entry point, for WebApplicationFactory.</summary>
public partial class Program;
