using Microsoft.Extensions.Configuration;

namespace Framework;

/// <summary>Where engines come from, meant for <c>using static Framework.Engines;</c> (SQLAlchemy's <c>create_engine</c>).</summary>
public static class Engines
{
    /// <summary>Creates an async engine for a URL such as <c>postgresql://user:pass@host/db</c> or <c>sqlite:///app.db</c>.</summary>
    public static AsyncEngine CreateAsyncEngine(string url, EngineOptions? options = null) => CreateEngine(url, options).AsyncFace;

    /// <summary>Creates a synchronous engine.</summary>
    public static Engine CreateEngine(string url, EngineOptions? options = null)
    {
        var parsed = Url.Parse(url);
        options ??= new EngineOptions();
        options.Validate();
        return new Engine(parsed, options, parsed.DatabaseBackend.CreateDriver(parsed));
    }

    /// <summary>Creates an async engine from a configuration section holding <c>Url</c> and any options (<c>PoolSize</c>, <c>Echo</c>, ...).</summary>
    public static AsyncEngine AsyncEngineFromConfig(IConfiguration configuration) => EngineFromConfig(configuration).AsyncFace;

    /// <summary>Creates an async engine from the keys of <paramref name="configuration"/> that start with <paramref name="prefix"/> (<c>framework.url</c>, <c>framework.pool_size</c>, ...).</summary>
    public static AsyncEngine AsyncEngineFromConfig(IReadOnlyDictionary<string, string> configuration, string prefix = "framework.") =>
        EngineFromConfig(configuration, prefix).AsyncFace;

    /// <summary>
    /// Reads an engine's URL and options from a configuration section as <see cref="AsyncEngineFromConfig(IConfiguration)"/>
    /// does, without creating the engine: keys are option names without regard to case or underscores. Throws
    /// <see cref="ArgumentException"/> naming the section and the key for an unknown key, a bad value or a missing <c>Url</c>;
    /// the URL itself and the options' ranges are checked by <see cref="Url.Parse"/> and <see cref="EngineOptions.Validate"/>.
    /// </summary>
    public static (string Url, EngineOptions Options) ReadEngineConfig(IConfiguration configuration) => EngineConfig.Read(configuration);

    /// <summary>Creates a synchronous engine from a configuration section.</summary>
    public static Engine EngineFromConfig(IConfiguration configuration)
    {
        var (url, options) = EngineConfig.Read(configuration);
        return CreateEngine(url, options);
    }

    /// <summary>Creates a synchronous engine from prefixed configuration keys.</summary>
    public static Engine EngineFromConfig(IReadOnlyDictionary<string, string> configuration, string prefix = "framework.")
    {
        var (url, options) = EngineConfig.Read(configuration, prefix);
        return CreateEngine(url, options);
    }
}
