using Framework.Orm;
using Microsoft.Extensions.DependencyInjection;

namespace Framework.AspNetCore;

/// <summary>
/// Makes every session that a request or a background unit of work gets from DI. Replace it (register your own before or
/// after <c>AddAsyncEngine</c>: the registration is <c>TryAdd</c>) to change how sessions are made; the test kit does, to
/// bind every session of a test to one connection it rolls back.
/// </summary>
public interface IAsyncSessionFactory
{
    /// <summary>A new session over the engine registered under <paramref name="serviceKey"/> (null: the default engine).</summary>
    /// <param name="serviceKey">The engine's key, null for the default engine.</param>
    /// <param name="executionOptions">Options for the session's transactions that the endpoint asked for (an isolation level), or null.</param>
    AsyncSession CreateSession(string? serviceKey, ExecutionOptions? executionOptions);
}

/// <summary>Makes sessions with the engine's registered <see cref="AsyncSessionMaker"/>.</summary>
internal sealed class AsyncSessionFactory(IServiceProvider services) : IAsyncSessionFactory
{
    public AsyncSession CreateSession(string? serviceKey, ExecutionOptions? executionOptions)
    {
        var maker = serviceKey is null ? services.GetRequiredService<AsyncSessionMaker>() : services.GetRequiredKeyedService<AsyncSessionMaker>(serviceKey);
        return Create(maker, executionOptions);
    }

    /// <summary>A session of <paramref name="maker"/>, with <paramref name="executionOptions"/> for its transactions when given.</summary>
    public static AsyncSession Create(AsyncSessionMaker maker, ExecutionOptions? executionOptions)
    {
        if (executionOptions is null)
            return maker.Create();
        var options = maker.Options with { ExecutionOptions = executionOptions };
        return maker.Connection is { } connection ? new AsyncSession(connection, options) : new AsyncSession(maker.Engine, options);
    }
}
