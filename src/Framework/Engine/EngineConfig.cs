using System.Data;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Framework;

/// <summary>
/// Reads an engine's URL and options from configuration (SQLAlchemy's <c>engine_from_config</c>). Keys match
/// option names without regard to case or underscores (<c>pool_size</c>, <c>PoolSize</c>); values are strings,
/// coerced to each option's type; an unknown key or a bad value is an error that names it.
/// </summary>
internal static class EngineConfig
{
    private static readonly Dictionary<string, Func<EngineOptions, string, EngineOptions>> Setters = new(StringComparer.Ordinal)
    {
        ["echo"] = (o, v) => o with { Echo = Bool(v) },
        ["echopool"] = (o, v) => o with { EchoPool = Bool(v) },
        ["hideparameters"] = (o, v) => o with { HideParameters = Bool(v) },
        ["includeparametersinerrors"] = (o, v) => o with { IncludeParametersInErrors = Bool(v) },
        ["poolclass"] = (o, v) => o with { PoolClass = Pool(v) },
        ["poolsize"] = (o, v) => o with { PoolSize = Int(v) },
        ["maxoverflow"] = (o, v) => o with { MaxOverflow = Int(v) },
        ["pooltimeout"] = (o, v) => o with { PoolTimeout = Seconds(v) },
        ["poolrecycle"] = (o, v) => o with { PoolRecycle = v.Trim() == "-1" ? null : Seconds(v) },
        ["poolpreping"] = (o, v) => o with { PoolPrePing = Bool(v) },
        ["pooluselifo"] = (o, v) => o with { PoolUseLifo = Bool(v) },
        ["autocommit"] = (o, v) => o with { Autocommit = Bool(v) },
        ["isolationlevel"] = (o, v) => o with { IsolationLevel = Isolation(v) },
        ["deferbegin"] = (o, v) => o with { DeferBegin = Bool(v) },
        ["insertmanyvaluespagesize"] = (o, v) => o with { InsertManyValuesPageSize = Int(v) },
        ["name"] = (o, v) => o with { Name = v },
    };

    public static (string Url, EngineOptions Options) Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var entries = new List<KeyValuePair<string, string>>();
        foreach (var child in configuration.GetChildren())
        {
            if (child.Value is { } value)
                entries.Add(new(child.Key, value));
        }
        var where = configuration is IConfigurationSection section ? $"configuration section '{section.Path}'" : "configuration";
        return Read(entries, where);
    }

    public static (string Url, EngineOptions Options) Read(IReadOnlyDictionary<string, string> configuration, string prefix)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(prefix);
        var entries = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in configuration)
        {
            if (key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                entries.Add(new(key[prefix.Length..], value));
        }
        return Read(entries, $"configuration keys prefixed '{prefix}'");
    }

    private static (string Url, EngineOptions Options) Read(List<KeyValuePair<string, string>> entries, string where)
    {
        string? url = null;
        var options = new EngineOptions();
        foreach (var (key, value) in entries)
        {
            var name = key.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
            if (name == "url")
            {
                url = value;
                continue;
            }
            if (!Setters.TryGetValue(name, out var set))
            {
                throw new ArgumentException(
                    $"Unknown engine option '{key}' in {where}. Known options: url, {string.Join(", ", Setters.Keys)} (case and underscores are ignored).");
            }
            try
            {
                options = set(options, value);
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
            {
                throw new ArgumentException($"The engine option '{key}' in {where} has the value '{value}', which is not valid: {e.Message}", e);
            }
        }
        if (string.IsNullOrWhiteSpace(url))
            throw new ArgumentException($"The {where} has no 'url' (e.g. url = postgresql://user:pass@host/db or sqlite:///app.db).");
        return (url, options);
    }

    private static bool Bool(string value) => value.Trim().ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "on" => true,
        "false" or "0" or "no" or "off" => false,
        _ => throw new FormatException("expected true or false."),
    };

    private static int Int(string value) => int.Parse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);

    // A bare number is seconds, as in SQLAlchemy; anything else is a TimeSpan (00:00:30).
    private static TimeSpan Seconds(string value) =>
        double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.Parse(value.Trim(), CultureInfo.InvariantCulture);

    private static PoolClass Pool(string value) => value.Trim().ToLowerInvariant() switch
    {
        "queue" or "queuepool" => PoolClass.Queue,
        "null" or "nullpool" => PoolClass.Null,
        "static" or "staticpool" => PoolClass.Static,
        _ => throw new FormatException("expected queue, null or static."),
    };

    // IsDefined: Enum.TryParse also takes any number ("42") and comma-joined names ("Serializable, Snapshot").
    private static IsolationLevel Isolation(string value) =>
        Enum.TryParse<IsolationLevel>(value.Replace(" ", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var level)
            && Enum.IsDefined(level)
            ? level
            : throw new FormatException("expected ReadCommitted, RepeatableRead, Serializable, ReadUncommitted or Snapshot.");
}
