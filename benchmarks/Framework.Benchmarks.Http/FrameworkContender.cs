using Framework.Orm;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framework.Benchmarks.Http;

/// <summary>
/// Framework: <c>AddAsyncEngine</c> (the engine and its pool a singleton, an <see cref="AsyncSession"/> per request made on
/// first use, the unit-of-work middleware that commits or rolls back before the response starts), and per request a
/// tracked <c>session.GetAsync&lt;Item&gt;(id)</c>.
/// </summary>
/// <remarks>
/// <c>MaxOverflow = 0</c>: the pool opens at most <see cref="BenchSettings.PoolSize"/> connections, as Npgsql's
/// <c>Max Pool Size</c> caps the other two (Framework's default would add ten overflow connections). No token is passed:
/// the session's statements are cancelled by the request's <c>RequestAborted</c> on their own, as the other two pass it.
/// </remarks>
public static class FrameworkContender
{
    public static void AddServices(IServiceCollection services, BenchSettings settings) =>
        services.AddAsyncEngine(settings.Url, engine =>
        {
            engine.PoolSize = settings.PoolSize;
            engine.MaxOverflow = 0;
        });

    public static void MapEndpoint(WebApplication app) =>
        app.MapGet("/items/{id:int}", async Task<Results<Ok<ItemResponse>, NotFound>> (int id, AsyncSession session) =>
            await session.GetAsync<Item>(id) is { } item
                ? TypedResults.Ok(new ItemResponse(item.Id, item.Name, item.Price, item.Created))
                : TypedResults.NotFound());
}
