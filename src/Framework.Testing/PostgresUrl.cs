using System.Data.Common;
using System.Globalization;
using System.Text;
using Npgsql;

namespace Framework.Testing;

/// <summary>Reading and writing the <c>postgresql://</c> URLs of test servers and their databases.</summary>
internal static class PostgresUrl
{
    /// <summary>Turns a URL or an Npgsql connection string into a Framework <c>postgresql://</c> URL.</summary>
    public static string FromConfigured(string configured)
    {
        var schemeEnd = configured.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            var scheme = configured[..schemeEnd].ToLowerInvariant();
            if (scheme.StartsWith("postgresql", StringComparison.Ordinal))
                return configured;
            if (scheme.StartsWith("postgres", StringComparison.Ordinal))
                return "postgresql" + configured["postgres".Length..];
            throw new FormatException($"the URL scheme '{scheme}' is not postgresql://.");
        }

        var builder = new NpgsqlConnectionStringBuilder(configured);
        if (string.IsNullOrEmpty(builder.Host))
            throw new FormatException("the connection string names no Host.");

        var url = new StringBuilder("postgresql://");
        if (!string.IsNullOrEmpty(builder.Username))
        {
            url.Append(Uri.EscapeDataString(builder.Username));
            if (builder.Password is not null)
                url.Append(':').Append(Uri.EscapeDataString(builder.Password));
            url.Append('@');
        }
        // A Unix socket folder (/var/run/postgresql) is escaped whole; the URL parser unescapes the host.
        url.Append(builder.Host.Contains('/', StringComparison.Ordinal) ? Uri.EscapeDataString(builder.Host) : builder.Host);
        url.Append(':').Append(builder.Port.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(builder.Database))
            url.Append('/').Append(Uri.EscapeDataString(builder.Database));

        // Every other setting (SSL Mode, Timeout, ...) travels as a query option, as the user wrote it.
        var given = new DbConnectionStringBuilder { ConnectionString = configured };
        var separator = '?';
        foreach (string key in given.Keys)
        {
            if (IsAddressKey(key))
                continue;
            url.Append(separator).Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(Convert.ToString(given[key], CultureInfo.InvariantCulture) ?? ""));
            separator = '&';
        }
        return url.ToString();
    }

    private static bool IsAddressKey(string key) =>
        key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()
            is "host" or "server" or "port" or "username" or "user" or "userid" or "password" or "psw" or "pwd" or "database" or "db";

    /// <summary>
    /// The URL of another database on the server that <paramref name="serverUrl"/> names, keeping its user, password and
    /// options.
    /// </summary>
    public static string WithDatabase(string serverUrl, string database)
    {
        // Rendered, every part is escaped, so the first '/' or '?' after the scheme ends the user, host and port.
        var rendered = Url.Parse(serverUrl).Render(hidePassword: false);
        var start = rendered.IndexOf("://", StringComparison.Ordinal) + 3;
        var authorityEnd = rendered.IndexOfAny(['/', '?'], start);
        var queryStart = rendered.IndexOf('?', start);
        return (authorityEnd < 0 ? rendered : rendered[..authorityEnd]) + "/" + Uri.EscapeDataString(database) +
            (queryStart < 0 ? "" : rendered[queryStart..]);
    }
}
