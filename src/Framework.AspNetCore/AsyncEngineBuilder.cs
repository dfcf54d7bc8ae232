using Framework.Orm;
using Microsoft.Extensions.DependencyInjection;

namespace Framework.AspNetCore;

/// <summary>What <c>AddAsyncEngine</c> returns: configures the engine it registered and the sessions made over it.</summary>
public sealed class AsyncEngineBuilder
{
    internal AsyncEngineBuilder(IServiceCollection services, string? serviceKey, string name)
    {
        Services = services;
        ServiceKey = serviceKey;
        Name = name;
    }

    /// <summary>The services the engine was added to.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The key of a keyed engine, or null for the default one.</summary>
    public string? ServiceKey { get; }

    /// <summary>The name of the engine's <see cref="AsyncEngineOptions"/> (the key, or the default name).</summary>
    public string Name { get; }

    /// <summary>Sets the options of every session made over this engine (<see cref="SessionOptions.ExpireOnCommit"/> is false here unless set).</summary>
    public AsyncEngineBuilder ConfigureSessions(Action<SessionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure<AsyncEngineOptions>(Name, options => configure(options.Session));
        return this;
    }

    /// <summary>Sets how requests commit or roll back (shared by every engine).</summary>
    public AsyncEngineBuilder ConfigureUnitOfWork(Action<UnitOfWorkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>Sets the query budget and the N+1 detector of every request (shared by every engine).</summary>
    public AsyncEngineBuilder ConfigureQueryBudget(Action<QueryBudgetOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>Sets the JSON guard's app-wide policy, or turns it off (shared by every engine).</summary>
    public AsyncEngineBuilder ConfigureJsonGuard(Action<JsonGuardOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }
}
