using Framework.Orm;

namespace Framework.AspNetCore;

/// <summary>
/// How one engine registered with <c>AddAsyncEngine</c> (or <c>AddKeyedAsyncEngine</c>) is made, and the options of the
/// sessions made over it. Named options: the default engine's name is <see cref="Microsoft.Extensions.Options.Options.DefaultName"/>,
/// a keyed engine's is its key. Checked when the host starts: a malformed URL, an unknown dialect or an option out of
/// range stops the host with a message naming the configuration key.
/// </summary>
public sealed class AsyncEngineOptions
{
    /// <summary>The database URL (<c>postgresql://user:pass@host/db</c>, <c>sqlite:///app.db</c>).</summary>
    public string? Url { get; set; }

    /// <summary>Where <see cref="Url"/> came from, named in error messages: a configuration key such as <c>Database:Url</c>.</summary>
    public string? UrlSource { get; set; }

    /// <summary>The engine's options: pool size, echo, isolation level and the rest.</summary>
    public EngineOptions Engine { get; set; } = new();

    /// <summary>
    /// The options of every session made over the engine (its <see cref="AsyncSessionMaker"/>'s). Unlike a plain
    /// <see cref="AsyncSessionMaker"/>, <see cref="SessionOptions.ExpireOnCommit"/> is false: the request's commit comes
    /// after the endpoint ran, so serializing its entities must not find them expired.
    /// </summary>
    public SessionOptions Session { get; set; } = new() { ExpireOnCommit = false };

    // What went wrong while reading configuration; reported by the validator when the host starts, not at first use.
    internal string? ConfigurationError { get; set; }

    // Where the engine options came from (a configuration section's path), to name keys in messages.
    internal string? SectionPath { get; set; }
}
