using System.Globalization;
using System.Text;

namespace Framework;

/// <summary>
/// A parsed database URL: <c>dialect[+driver]://user:password@host:port/database?option=value</c>, as in SQLAlchemy.
/// <c>sqlite:///relative.db</c>, <c>sqlite:////absolute/path.db</c> and <c>sqlite:///:memory:</c> name SQLite files.
/// </summary>
public sealed class Url
{
    private const string Form = "Expected the form dialect[+driver]://user:password@host:port/database?option=value, " +
        "for example postgresql://scott:tiger@localhost:5432/test or sqlite:///app.db.";

    private Url(DatabaseBackend backend, string? driver, string? username, string? password, string? host, int? port,
        string? database, IReadOnlyDictionary<string, string> query)
    {
        DatabaseBackend = backend;
        Backend = backend.Name;
        Driver = driver;
        Username = username;
        Password = password;
        Host = host;
        Port = port;
        Database = database;
        Query = query;
    }

    /// <summary>The database kind: <c>postgresql</c> or <c>sqlite</c>.</summary>
    public string Backend { get; }

    /// <summary>What Framework knows of the backend: its drivers, and how to open it.</summary>
    internal DatabaseBackend DatabaseBackend { get; }

    /// <summary>The driver named after <c>+</c> in the scheme, if any (<c>npgsql</c>).</summary>
    public string? Driver { get; }

    /// <summary>The user name, unescaped.</summary>
    public string? Username { get; }

    /// <summary>The password, unescaped.</summary>
    public string? Password { get; }

    /// <summary>The host name or address.</summary>
    public string? Host { get; }

    /// <summary>The port, when given.</summary>
    public int? Port { get; }

    /// <summary>The database name, or for SQLite the file path (<c>:memory:</c> for an in-memory database).</summary>
    public string? Database { get; }

    /// <summary>The options after <c>?</c>, unescaped, keys compared without regard to case.</summary>
    public IReadOnlyDictionary<string, string> Query { get; }

    /// <summary>Whether this names an in-memory SQLite database.</summary>
    public bool IsSqliteMemory => Backend == "sqlite" && (string.IsNullOrEmpty(Database) || Database == ":memory:");

    /// <summary>Parses a URL, or throws <see cref="ArgumentException"/> saying what is wrong with it.</summary>
    public static Url Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
            throw Malformed(url, "it has no scheme (the part before '://')");

        var scheme = url[..schemeEnd].ToLowerInvariant();
        var plus = scheme.IndexOf('+', StringComparison.Ordinal);
        var name = plus < 0 ? scheme : scheme[..plus];
        var driver = plus < 0 ? null : scheme[(plus + 1)..];
        var backend = DatabaseBackend.Find(name) ?? throw new ArgumentException(
            $"Unknown database '{name}' in URL '{Redact(url)}'. Framework supports {DatabaseBackend.Listed}.", nameof(url));
        if (driver is not null && !backend.Drivers.Contains(driver))
        {
            throw new ArgumentException(
                $"Unknown driver '{driver}' for {backend.Name} in URL '{Redact(url)}'. Use {backend.Name}+{backend.DefaultDriver}:// or leave the driver out.",
                nameof(url));
        }

        // As SQLAlchemy reads it: user info runs to the first '@', and a password may hold '/', '?' or ':' unescaped.
        var rest = url[(schemeEnd + 3)..];
        string? username = null, password = null, host = null;
        int? port = null;
        if (UserInfoLength(rest) is var userInfoLength and >= 0)
        {
            // A host never holds '@'; one after the first is nearly always a password's, left unescaped. Refused here, it
            // cannot become a host that fails to resolve, or a password cut short that the server refuses.
            if (UserInfoEnd(rest, userInfoLength) != userInfoLength)
            {
                throw Malformed(url, "more than one '@' comes before the host, so the URL splits at the first one, inside the password " +
                    "(or user name); escape each '@' in a password as %40, as in postgresql://user:p%40ss@host/db");
            }
            var userInfo = rest[..userInfoLength];
            rest = rest[(userInfoLength + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            username = Unescape(url, colon < 0 ? userInfo : userInfo[..colon]);
            password = colon < 0 ? null : Unescape(url, userInfo[(colon + 1)..]);
        }

        var queryStart = rest.IndexOf('?', StringComparison.Ordinal);
        var query = ParseQuery(url, queryStart < 0 ? "" : rest[(queryStart + 1)..]);
        if (queryStart >= 0)
            rest = rest[..queryStart];

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? null : rest[(slash + 1)..];

        if (authority.Length > 0)
        {
            string portText;
            if (authority[0] == '[')
            {
                var close = authority.IndexOf(']', StringComparison.Ordinal);
                if (close < 0)
                    throw Malformed(url, "an IPv6 host opened with '[' is not closed with ']'");
                host = authority[1..close];
                portText = authority[(close + 1)..];
                if (portText.Length > 0 && portText[0] != ':')
                    throw Malformed(url, $"unexpected text '{portText}' after the IPv6 host");
                portText = portText.Length > 0 ? portText[1..] : "";
            }
            else
            {
                var colon = authority.LastIndexOf(':');
                host = colon < 0 ? authority : authority[..colon];
                portText = colon < 0 ? "" : authority[(colon + 1)..];
            }
            if (portText.Length > 0)
            {
                if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535)
                    throw Malformed(url, $"the port '{portText}' is not a number from 1 to 65535");
                port = p;
            }
            host = Unescape(url, host);
            if (host.Length == 0)
                host = null;
        }

        string? database = string.IsNullOrEmpty(path) ? null : Unescape(url, path);
        if (backend.FileDatabase)
        {
            if (host is not null || username is not null)
                throw Malformed(url, $"a {backend.DisplayName} URL has no host or user; write {backend.Name}:///relative.db or {backend.Name}:////absolute/path.db");
        }
        else if (host is null)
        {
            throw Malformed(url, "it names no host");
        }

        return new Url(backend, driver, username, password, host, port, database, query);
    }

    /// <summary>The URL with the password replaced by <c>***</c>, safe to log.</summary>
    public override string ToString() => Render(hidePassword: true);

    /// <summary>Renders the URL back to text, escaping each part; the password as <c>***</c> unless <paramref name="hidePassword"/> is false.</summary>
    public string Render(bool hidePassword = true)
    {
        var text = new StringBuilder(Backend);
        if (Driver is not null)
            text.Append('+').Append(Driver);
        text.Append("://");
        if (Username is not null)
        {
            text.Append(Uri.EscapeDataString(Username));
            if (Password is not null)
                text.Append(':').Append(hidePassword ? "***" : Uri.EscapeDataString(Password));
            text.Append('@');
        }
        if (Host is not null)
            // Escaped like the other parts, so a Unix socket folder (/var/run/postgresql) parses back as the host.
            text.Append(Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Uri.EscapeDataString(Host));
        if (Port is not null)
            text.Append(':').Append(Port.Value.ToString(CultureInfo.InvariantCulture));
        if (Database is not null)
            text.Append('/').Append(DatabaseBackend.FileDatabase ? Database : Uri.EscapeDataString(Database));
        var first = true;
        foreach (var (key, value) in Query)
        {
            text.Append(first ? '?' : '&').Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            first = false;
        }
        return text.ToString();
    }

    private static Dictionary<string, string> ParseQuery(string url, string query)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw Malformed(url, $"the option '{pair}' is not of the form name=value");
            var key = Unescape(url, pair[..eq]);
            if (!options.TryAdd(key, Unescape(url, pair[(eq + 1)..])))
                throw Malformed(url, $"the option '{key}' is given twice");
        }
        return options;
    }

    private static string Unescape(string url, string text)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException e)
        {
            throw new ArgumentException($"Could not parse the database URL '{Redact(url)}': {e.Message} Escape reserved characters as %XX.", nameof(url), e);
        }
    }

    private static ArgumentException Malformed(string url, string what) =>
        new($"Could not parse the database URL '{Redact(url)}': {what}. {Form}", nameof(url));

    /// <summary>
    /// The length of the <c>user[:password]</c> part before the first '@', or -1 when there is none: the user name
    /// holds no ':' or '/', so a path with an '@' in it (sqlite:////tmp/a@b.db) is not mistaken for one.
    /// </summary>
    private static int UserInfoLength(string rest)
    {
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
            return -1;
        var userEnd = rest.AsSpan(0, at).IndexOfAny(':', '/');
        return userEnd >= 0 && rest[userEnd] == '/' ? -1 : at;
    }

    /// <summary>
    /// Where the user info that <see cref="UserInfoLength"/> found would end if the last '@' before the host ended it: past
    /// the first '@' when a password holds an unescaped one.
    /// </summary>
    private static int UserInfoEnd(string rest, int firstAt)
    {
        var hostEnd = rest.AsSpan(firstAt + 1).IndexOfAny('/', '?');
        var authority = hostEnd < 0 ? rest.AsSpan(firstAt + 1) : rest.AsSpan(firstAt + 1, hostEnd);
        var lastAt = authority.LastIndexOf('@');
        return lastAt < 0 ? firstAt : firstAt + 1 + lastAt;
    }

    // Error messages must not leak a password: replace whatever sits between "user:" and the '@' ending the user info, the
    // last before the host, so that a password with an unescaped '@' is hidden whole too.
    private static string Redact(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var start = schemeEnd < 0 ? 0 : schemeEnd + 3;
        var length = UserInfoLength(url[start..]);
        if (length < 0)
            return url;
        length = UserInfoEnd(url[start..], length);
        var colon = url.IndexOf(':', start);
        return colon < 0 || colon > start + length ? url : string.Concat(url.AsSpan(0, colon + 1), "***", url.AsSpan(start + length));
    }
}
