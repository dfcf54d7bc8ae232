using Framework;
using Framework.AspNetCore;
using Framework.Testing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Points an application's engines at test databases and joins its sessions to a test's transaction. Call these after the
/// application registered its engines: in <c>ConfigureTestServices</c>, as <see cref="FrameworkWebApplicationFactory{TEntryPoint}"/> does.
/// </summary>
public static class FrameworkTestingServiceCollectionExtensions
{
    /// <summary>
    /// Makes the default engine (<c>AddAsyncEngine</c>) connect to <paramref name="url"/>, whatever URL the application
    /// configured. Only the URL changes: the dialect follows from it, so an application configured for SQLite runs on
    /// PostgreSQL and the reverse, and its other engine options (pool size, echo) stay as configured.
    /// </summary>
    /// <exception cref="InvalidOperationException">The application registered no default engine (yet).</exception>
    public static IServiceCollection SetAsyncEngineUrl(this IServiceCollection services, string url) =>
        SetUrl(services, serviceKey: null, url);

    /// <summary>Makes the engine registered with <c>AddKeyedAsyncEngine(serviceKey, ...)</c> connect to <paramref name="url"/>.</summary>
    /// <exception cref="InvalidOperationException">The application registered no engine under <paramref name="serviceKey"/> (yet).</exception>
    public static IServiceCollection SetKeyedAsyncEngineUrl(this IServiceCollection services, string serviceKey, string url) =>
        SetUrl(services, serviceKey ?? throw new ArgumentNullException(nameof(serviceKey)), url);

    /// <summary>
    /// Registers <see cref="RollbackIsolation"/> and puts it in front of the application's <see cref="IAsyncSessionFactory"/>:
    /// while a test's <see cref="TestTransaction"/> is open, every session the application makes joins it; otherwise
    /// sessions are made as the application's factory makes them. Calling it again does nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The application registered no engine (yet).</exception>
    public static IServiceCollection AddRollbackIsolation(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(RollbackIsolation)))
            return services;
        var factory = services.LastOrDefault(d => d.ServiceType == typeof(IAsyncSessionFactory) && !d.IsKeyedService)
            ?? throw NotRegisteredYet("AddRollbackIsolation", "no AddAsyncEngine or AddKeyedAsyncEngine");
        // Every engine the application registered gets a connection in each test's transaction.
        var keys = services
            .Where(d => d.ServiceType == typeof(AsyncEngine))
            .Select(d => d.IsKeyedService ? (string?)d.ServiceKey : null)
            .Distinct()
            .ToList();
        services.AddSingleton(sp => new RollbackIsolation(sp, keys));
        services.Remove(factory);
        services.Add(ServiceDescriptor.Describe(typeof(IAsyncSessionFactory),
            sp => new IsolatingSessionFactory(CreateInner(sp, factory), sp.GetRequiredService<RollbackIsolation>()), factory.Lifetime));
        return services;
    }

    private static IServiceCollection SetUrl(IServiceCollection services, string? serviceKey, string url)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(url);
        if (!services.Any(d => d.ServiceType == typeof(AsyncEngine) && (serviceKey is null ? !d.IsKeyedService : Equals(d.ServiceKey, serviceKey))))
        {
            throw NotRegisteredYet(serviceKey is null ? "SetAsyncEngineUrl" : $"SetKeyedAsyncEngineUrl(\"{serviceKey}\", ...)",
                serviceKey is null ? "no AddAsyncEngine" : $"no AddKeyedAsyncEngine(\"{serviceKey}\", ...)");
        }
        // PostConfigure runs after every Configure, so the test's URL wins over configuration, whenever that was read.
        services.PostConfigure<AsyncEngineOptions>(serviceKey ?? Options.Options.DefaultName, options =>
        {
            options.Url = url;
            options.UrlSource = "the test's URL (Framework.Testing)";
        });
        return services;
    }

    private static InvalidOperationException NotRegisteredYet(string call, string missing) => new(
        $"{call} found {missing} among the services. Call it after the application registered its engines: in " +
        "ConfigureTestServices (WebApplicationFactory), which runs after the application's own registrations, or use " +
        "FrameworkWebApplicationFactory, which does.");

    private static IAsyncSessionFactory CreateInner(IServiceProvider services, ServiceDescriptor descriptor) =>
        (IAsyncSessionFactory)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
