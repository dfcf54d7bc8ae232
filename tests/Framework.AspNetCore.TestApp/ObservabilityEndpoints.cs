using Framework.Orm;
using static Framework.Sql.Expressions;

namespace Framework.AspNetCore.TestApp;

/// <summary>Endpoints of the request-level observability tests (tests/Framework.AspNetCore.Tests/Observability).</summary>
public static class ObservabilityEndpoints
{
    /// <summary>The category of the entries the endpoints log.</summary>
    public const string Category = "Framework.AspNetCore.TestApp.Observability";

    /// <summary>Maps the endpoints under <c>/observe</c>.</summary>
    public static WebApplication MapObservabilityEndpoints(this WebApplication app)
    {
        // Logs an entry before its first statement and one after its last: the log scope's count is read as each is written.
        app.MapGet("/observe/statements/{count:int}", async (int count, AsyncSession session, ILoggerFactory loggers) =>
        {
            var logger = loggers.CreateLogger(Category);
            logger.LogInformation("Before the statements.");
            for (var i = 0; i < count; i++)
                await session.ScalarAsync(Text("SELECT 1"));
            logger.LogInformation("After {Count} statements.", count);
            return count;
        });
        return app;
    }
}
