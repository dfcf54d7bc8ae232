using Framework;
using Framework.AspNetCore;
using Framework.AspNetCore.Json;
using Framework.Orm;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers Framework's engine and its per-request <see cref="AsyncSession"/>, as <c>AddDbContext</c> and
/// <c>AddNpgsqlDataSource</c> do for theirs.
/// </summary>
public static class AsyncEngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="AsyncEngine"/> for <paramref name="url"/> (a singleton, disposed with the host), its
    /// <see cref="AsyncSessionMaker"/> (a singleton), an <see cref="AsyncSession"/> per request (scoped, made on first use),
    /// the <see cref="AsyncScopedSession"/> whose current session is the request's, and the middleware that commits or
    /// rolls back each request's session before its response starts.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="url">The database URL (<c>postgresql://user:pass@host/db</c>, <c>sqlite:///app.db</c>).</param>
    /// <param name="configure">Sets engine options (pool size, echo, ...).</param>
    public static AsyncEngineBuilder AddAsyncEngine(this IServiceCollection services, string url, Action<EngineOptions>? configure = null) =>
        Add(services, null, ConfigureUrl(url, configure));

    /// <summary>
    /// Registers an engine as <see cref="AddAsyncEngine(IServiceCollection, string, Action{EngineOptions})"/> does, from a
    /// configuration section holding <c>Url</c> and any engine option (<c>PoolSize</c>, <c>Echo</c>, ...), the keys that
    /// <see cref="Engines.AsyncEngineFromConfig(IConfiguration)"/> reads. A section that is a plain value (such as
    /// <c>ConnectionStrings:Default</c>) is the URL itself.
    /// </summary>
    public static AsyncEngineBuilder AddAsyncEngine(this IServiceCollection services, IConfigurationSection section) =>
        Add(services, null, ConfigureSection(section));

    /// <summary>
    /// Registers a second engine under <paramref name="serviceKey"/>: inject its session with
    /// <c>[FromKeyedServices("reports")] AsyncSession</c>, its engine and maker likewise. Each request's sessions of every
    /// engine are committed or rolled back together, one after the other.
    /// </summary>
    public static AsyncEngineBuilder AddKeyedAsyncEngine(this IServiceCollection services, string serviceKey, string url, Action<EngineOptions>? configure = null) =>
        Add(services, serviceKey ?? throw new ArgumentNullException(nameof(serviceKey)), ConfigureUrl(url, configure));

    /// <summary>Registers a keyed engine from a configuration section, as <see cref="AddAsyncEngine(IServiceCollection, IConfigurationSection)"/> does.</summary>
    public static AsyncEngineBuilder AddKeyedAsyncEngine(this IServiceCollection services, string serviceKey, IConfigurationSection section) =>
        Add(services, serviceKey ?? throw new ArgumentNullException(nameof(serviceKey)), ConfigureSection(section));

    private static Action<AsyncEngineOptions> ConfigureUrl(string url, Action<EngineOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(url);
        return options =>
        {
            options.Url = url;
            configure?.Invoke(options.Engine);
        };
    }

    private static Action<AsyncEngineOptions> ConfigureSection(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return options =>
        {
            options.SectionPath = section.Path;
            // Keys beneath the section win over a value of its own: WebApplicationFactory hands its settings to the app as
            // command-line arguments, one per key of the tree, so UseSetting("Database:Url", ...) also gives "Database" an
            // empty value.
            if (section.Value is { } plain && !section.GetChildren().Any())
            {
                // ConnectionStrings:Default and the like: the section is the URL.
                options.Url = plain;
                options.UrlSource = section.Path;
                return;
            }
            try
            {
                var (url, engine) = Engines.ReadEngineConfig(section);
                options.Url = url;
                options.UrlSource = section.Path + ":Url";
                options.Engine = engine;
            }
            catch (ArgumentException e)
            {
                options.ConfigurationError = e.Message;
            }
        };
    }

    private static AsyncEngineBuilder Add(IServiceCollection services, string? key, Action<AsyncEngineOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        var name = key ?? Options.Options.DefaultName;
        if (services.Any(d => d.ServiceType == typeof(EngineRegistration) && d.ImplementationInstance is EngineRegistration r && r.Key == key))
        {
            throw new InvalidOperationException(key is null
                ? "AddAsyncEngine was called twice. Register one default engine, and further databases with AddKeyedAsyncEngine(\"name\", ...)."
                : $"AddKeyedAsyncEngine(\"{key}\", ...) was called twice. Each key names one engine.");
        }
        services.AddSingleton(new EngineRegistration(key));
        services.AddOptions<AsyncEngineOptions>(name).Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AsyncEngineOptions>, AsyncEngineOptionsValidator>());
        services.AddOptions<UnitOfWorkOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UnitOfWorkOptions>, UnitOfWorkOptionsValidator>());
        services.AddOptions<QueryBudgetOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QueryBudgetOptions>, QueryBudgetOptionsValidator>());

        if (key is null)
        {
            services.TryAddSingleton(sp => CreateEngine(sp, name));
            services.TryAddSingleton(sp => CreateMaker(sp.GetRequiredService<AsyncEngine>(), sp, name));
            services.TryAddSingleton(sp => new AsyncScopedSession(scope => ((SessionScope)scope).GetOrCreate(null), SessionScope.CurrentFunc(sp)));
            services.TryAddScoped(sp => sp.GetRequiredService<SessionScope>().GetOrCreate(null));
        }
        else
        {
            services.TryAddKeyedSingleton(key, (sp, _) => CreateEngine(sp, name));
            services.TryAddKeyedSingleton(key, (sp, _) => CreateMaker(sp.GetRequiredKeyedService<AsyncEngine>(key), sp, name));
            services.TryAddKeyedSingleton(key, (sp, _) => new AsyncScopedSession(scope => ((SessionScope)scope).GetOrCreate(key), SessionScope.CurrentFunc(sp)));
            services.TryAddKeyedScoped(key, (sp, _) => sp.GetRequiredService<SessionScope>().GetOrCreate(key));
        }

        services.AddHttpContextAccessor();
        services.TryAddScoped<SessionScope>();
        services.TryAddSingleton<IAsyncSessionFactory, AsyncSessionFactory>();
        services.TryAddSingleton<BackgroundUnitOfWork>();
        services.AddProblemDetails();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExceptionHandler, FrameworkExceptionHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDeveloperPageExceptionFilter, FrameworkDeveloperPageExceptionFilter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, UnitOfWorkStartupFilter>());
        services.AddOptions<JsonGuardOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>, JsonGuardSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<Microsoft.AspNetCore.Mvc.JsonOptions>, JsonGuardSetup>());
        return new AsyncEngineBuilder(services, key, name);
    }

    private static AsyncEngine CreateEngine(IServiceProvider services, string name)
    {
        // Making the options runs the validator (in a host built without starting too), so they are valid here.
        var options = services.GetRequiredService<IOptionsMonitor<AsyncEngineOptions>>().Get(name);
        var engine = options.Engine;
        if (engine.LoggerFactory is null && services.GetService<ILoggerFactory>() is { } loggers)
            engine = engine with { LoggerFactory = loggers };
        return Engines.CreateAsyncEngine(options.Url!, engine);
    }

    private static AsyncSessionMaker CreateMaker(AsyncEngine engine, IServiceProvider services, string name) =>
        new(engine, services.GetRequiredService<IOptionsMonitor<AsyncEngineOptions>>().Get(name).Session);
}

/// <summary>Marks one AddAsyncEngine call, so that a second one for the same key is refused instead of silently ignored.</summary>
internal sealed record EngineRegistration(string? Key);
