using Framework.Orm;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Framework.Benchmarks.Http;

/// <summary>PROVISIONAL (hand-wired until AddAsyncEngine lands): an AsyncSession per request from an AsyncSessionMaker.</summary>
public static class FrameworkContender
{
    public static void AddServices(IServiceCollection services, BenchSettings settings)
    {
        services.AddSingleton(_ => Engines.CreateAsyncEngine(settings.Url, new EngineOptions { PoolSize = settings.PoolSize, MaxOverflow = 0 }));
        services.AddSingleton(sp => new AsyncSessionMaker(sp.GetRequiredService<AsyncEngine>(), expireOnCommit: false));
        services.AddScoped(sp => sp.GetRequiredService<AsyncSessionMaker>().Create());
    }

    public static void MapEndpoint(WebApplication app) =>
        app.MapGet("/items/{id:int}", async Task<Results<Ok<ItemResponse>, NotFound>> (int id, AsyncSession session, CancellationToken cancellationToken) =>
            await session.GetAsync<Item>(id, cancellationToken: cancellationToken) is { } item
                ? TypedResults.Ok(new ItemResponse(item.Id, item.Name, item.Price, item.Created))
                : TypedResults.NotFound());
}
