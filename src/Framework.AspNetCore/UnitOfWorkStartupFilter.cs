using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Framework.AspNetCore;

/// <summary>Puts the unit-of-work middleware outside the whole pipeline, so that no application can forget it.</summary>
internal sealed class UnitOfWorkStartupFilter(IOptions<UnitOfWorkOptions> options) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        if (options.Value.AddMiddlewareAutomatically)
            app.UseAsyncSession();
        next(app);
    };
}
