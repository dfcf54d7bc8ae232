using Framework.AspNetCore.TestApp;
using Framework.Orm;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;

namespace Framework.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A host of the test's own, over TestServer, for the registrations the test app does not make (a URL with a callback, a
/// connection string, ConfigureSessions): the test registers, builds, maps and starts it.
/// </summary>
public static class OwnHost
{
    /// <summary>A builder whose configuration holds only <paramref name="settings"/> (and the defaults' environment).</summary>
    public static WebApplicationBuilder CreateBuilder(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        return builder;
    }

    /// <summary><c>POST /items</c> adds an item through the request's session, answering 201; the request's end commits it.</summary>
    public static WebApplication MapItemWriter(this WebApplication app)
    {
        app.MapPost("/items", async (NewItem body, AsyncSession session) =>
        {
            session.Add(new Item { Name = body.Name });
            await session.FlushAsync();
            return Results.StatusCode(StatusCodes.Status201Created);
        });
        return app;
    }
}
