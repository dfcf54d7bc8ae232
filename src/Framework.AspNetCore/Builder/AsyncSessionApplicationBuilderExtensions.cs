using Framework.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Places the unit-of-work middleware by hand.</summary>
public static class AsyncSessionApplicationBuilderExtensions
{
    /// <summary>
    /// Commits or rolls back each request's sessions before its response starts. <c>AddAsyncEngine</c> adds this
    /// middleware first in the pipeline by itself; call this only after setting
    /// <see cref="UnitOfWorkOptions.AddMiddlewareAutomatically"/> to false, to put it after a middleware that must run
    /// outside it. Placed twice, it runs once.
    /// </summary>
    public static IApplicationBuilder UseAsyncSession(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<UnitOfWorkMiddleware>();
    }
}
