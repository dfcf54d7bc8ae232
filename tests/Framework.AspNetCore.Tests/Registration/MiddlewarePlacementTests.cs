using System.Net;
using System.Net.Http.Json;
using Framework.AspNetCore.TestApp;
using Framework.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Framework.AspNetCore.Tests.Registration;

/// <summary>
/// Where the unit-of-work middleware runs: first in the pipeline by itself, or, with AddMiddlewareAutomatically off, where
/// UseAsyncSession puts it; placed both ways, it runs once.
/// </summary>
public abstract class MiddlewarePlacementTests<TDatabase>(WebAppFixture<TDatabase> fixture) : WebAppTestBase<TDatabase>(fixture)
    where TDatabase : WebDatabase, new()
{
    [Fact]
    public async Task Without_the_automatic_middleware_and_without_UseAsyncSession_nothing_is_committed()
    {
        var app = await Start(automatic: false, useByHand: false);
        var name = UniqueName();

        var response = await app.GetTestClient().PostAsJsonAsync("/items", new NewItem(name));

        // Proof that the automatic placement is what commits: with it off and nothing placed, the session only closes.
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(0, await ItemCount(Fixture.Main.Url, name));
    }

    [Fact]
    public async Task UseAsyncSession_placed_by_hand_commits_after_the_middleware_that_runs_outside_it()
    {
        var outsideSawCommitted = new List<long>();
        var app = await Start(automatic: false, useByHand: true, outside: async (context, next) =>
        {
            await next(context);
            // The hand-placed middleware runs inside this one: by the time the request comes back out, it has committed.
            if (context.Items["name"] is string name)
                outsideSawCommitted.Add(await ItemCount(Fixture.Main.Url, name));
        });
        var itemName = UniqueName();

        var response = await app.GetTestClient().PostAsJsonAsync("/items", new NewItem(itemName));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, await ItemCount(Fixture.Main.Url, itemName));
        Assert.Equal([1L], outsideSawCommitted);
    }

    [Fact]
    public async Task Placed_automatically_and_by_hand_the_middleware_decides_once()
    {
        var decisions = 0;
        var app = await Start(automatic: true, useByHand: true, configure: services =>
            services.AddScoped(_ => new DecisionProbe(() => Interlocked.Increment(ref decisions))));
        var name = UniqueName();

        var response = await app.GetTestClient().PostAsJsonAsync("/items", new NewItem(name));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, await ItemCount(Fixture.Main.Url, name));
        Assert.Equal(1, decisions);
    }

    private async Task<WebApplication> Start(bool automatic, bool useByHand, Func<HttpContext, RequestDelegate, Task>? outside = null,
        Action<IServiceCollection>? configure = null)
    {
        var builder = OwnHost.CreateBuilder();
        builder.Services.AddAsyncEngine(Fixture.Main.Url).ConfigureUnitOfWork(options => options.AddMiddlewareAutomatically = automatic);
        configure?.Invoke(builder.Services);
        var app = Own(builder.Build());
        if (outside is not null)
            app.Use(outside);
        if (useByHand)
            app.UseAsyncSession();
        app.MapPost("/items", async (NewItem body, Orm.AsyncSession session, HttpContext context, IServiceProvider services) =>
        {
            context.Items["name"] = body.Name;
            if (services.GetService<DecisionProbe>() is { } probe)
                session.Events.AfterCommit += _ => probe.Decided();
            session.Add(new Item { Name = body.Name });
            await session.FlushAsync();
            return Results.StatusCode(StatusCodes.Status201Created);
        });
        await CreateSchema(Fixture.Main.Url);
        await app.StartAsync();
        return app;
    }

    private sealed class DecisionProbe(Action decided)
    {
        public void Decided() => decided();
    }
}

public sealed class SqliteMiddlewarePlacementTests(WebAppFixture<SqliteWebDatabase> fixture) : MiddlewarePlacementTests<SqliteWebDatabase>(fixture);

public sealed class PostgresMiddlewarePlacementTests(WebAppFixture<PostgresWebDatabase> fixture) : MiddlewarePlacementTests<PostgresWebDatabase>(fixture);
