using System.Data.Common;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Framework.Testing;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Framework.Tests.Infrastructure;

/// <summary>
/// The one PostgreSQL server of a test run, found or started on first use and shared by every test in the process.
/// In order: the server named by <c>FRAMEWORK_TEST_POSTGRES</c>; a <c>postgres:15-alpine</c> container through
/// Testcontainers when a Docker engine answers; a temporary server from the machine's PostgreSQL binaries
/// (<see cref="LocalPostgresServer"/>). When none works every PostgreSQL test fails with the same message, naming
/// the three ways and why each failed; they are never skipped.
/// </summary>
public static class PostgresTestServer
{
    /// <summary>The environment variable that names an existing server: a URL or an Npgsql connection string.</summary>
    public const string EnvironmentVariable = "FRAMEWORK_TEST_POSTGRES";

    private const string Image = "postgres:15-alpine";

    // Started once, off any test's synchronization context; a failure is kept too, so later tests fail at once.
    private static readonly Lazy<Task<Outcome>> Server = new(() => Task.Run(FindOrStartAsync), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// A Framework URL (<c>postgresql://user:password@host:port/database</c>) for the test server, starting it on the
    /// first call. Throws <see cref="InvalidOperationException"/> when no server can be had.
    /// </summary>
    public static async Task<string> GetUrlAsync()
    {
        var outcome = await Server.Value;
        // A new exception per caller: one shared instance would collect every test's stack trace.
        return outcome.Url ?? throw new InvalidOperationException(outcome.Error);
    }

    private static async Task<Outcome> FindOrStartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            // What the developer asked for explicitly is used or reported, never silently replaced by another server.
            try
            {
                return new(ToUrl(configured.Trim()), null);
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                return new(null, $"{EnvironmentVariable} is set but is neither a postgresql:// URL nor an Npgsql connection string: {e.Message}");
            }
        }

        var dockerFailure = await DockerUnavailableReasonAsync();
        if (dockerFailure is null)
        {
            try
            {
                return new(await StartContainerAsync(), null);
            }
            catch (Exception e)
            {
                dockerFailure = $"starting {Image} with Testcontainers failed: {e.GetType().Name}: {e.Message}";
            }
        }

        string localFailure;
        try
        {
            var server = await LocalPostgresServer.StartAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => StopQuietly(server.Stop);
            return new(server.Url, null);
        }
        catch (Exception e)
        {
            localFailure = e.Message;
        }

        var message = new StringBuilder()
            .AppendLine("The PostgreSQL tests need a server and none could be found or started. Provide one in any of these three ways:")
            .AppendLine(CultureInfo.InvariantCulture, $"  1. Set {EnvironmentVariable} to a connection string or URL of a server whose user may create and drop tables,")
            .AppendLine("     e.g. 'Host=localhost;Port=5432;Username=postgres;Password=secret;Database=postgres' or 'postgresql://postgres:secret@localhost:5432/postgres'.")
            .AppendLine(CultureInfo.InvariantCulture, $"     Not used: {EnvironmentVariable} is not set.")
            .AppendLine(CultureInfo.InvariantCulture, $"  2. Start a Docker engine, so that Testcontainers runs {Image}.")
            .AppendLine(CultureInfo.InvariantCulture, $"     Not used: {dockerFailure}")
            .AppendLine("  3. Install the PostgreSQL server binaries (e.g. 'apt-get install postgresql') so that initdb and pg_ctl are found")
            .AppendLine("     on PATH or in the folder 'pg_config --bindir' prints; a temporary server is then started on a free port.")
            .Append(CultureInfo.InvariantCulture, $"     Failed: {localFailure}");
        return new(null, message.ToString());
    }

    private static async Task<string> StartContainerAsync()
    {
        var container = new PostgreSqlBuilder(Image).Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await container.StartAsync(timeout.Token);
        }
        catch
        {
            await container.DisposeAsync();
            throw;
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopQuietly(() => container.DisposeAsync().AsTask().GetAwaiter().GetResult());
        return ToUrl(container.GetConnectionString());
    }

    // Testcontainers only after a cheap check: without an engine it spends seconds probing before it gives up.
    private static async Task<string?> DockerUnavailableReasonAsync()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")) || OperatingSystem.IsWindows())
            return null;

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var runtimeDir = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        var candidates = new List<string> { "/var/run/docker.sock" };
        if (!string.IsNullOrEmpty(runtimeDir))
            candidates.Add(Path.Combine(runtimeDir, "docker.sock"));
        candidates.Add(Path.Combine(home, ".docker", "run", "docker.sock"));
        candidates.Add(Path.Combine(home, ".docker", "desktop", "docker.sock"));
        var reasons = new List<string>();
        foreach (var socket in candidates.Where(File.Exists))
        {
            var reason = await PingAsync(socket);
            if (reason is null)
                return null;
            reasons.Add($"{socket} {reason}");
        }
        return reasons.Count == 0
            ? $"no Docker engine: DOCKER_HOST is not set and there is no Docker socket ({string.Join(", ", candidates)})."
            : $"no Docker engine answers: {string.Join("; ", reasons)}.";
    }

    // Returns null when the engine behind the socket answers GET /_ping, else why not.
    private static async Task<string?> PingAsync(string socketPath)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), timeout.Token);
            await socket.SendAsync("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"u8.ToArray(), SocketFlags.None, timeout.Token);
            var buffer = new byte[256];
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            var status = Encoding.ASCII.GetString(buffer, 0, read).Split('\n')[0].Trim();
            return status.Contains(" 200", StringComparison.Ordinal) ? null : $"answered '{status}'";
        }
        catch (OperationCanceledException)
        {
            return "did not answer within 3 s";
        }
        catch (SocketException e)
        {
            return $"refused the connection ({e.Message})";
        }
    }

    /// <summary>Turns a URL or an Npgsql connection string into a Framework <c>postgresql://</c> URL.</summary>
    private static string ToUrl(string configured)
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

    private static void StopQuietly(Action stop)
    {
        try
        {
            stop();
        }
        catch (Exception e)
        {
            // The process is exiting: say what was left behind instead of crashing the test host.
            Console.Error.WriteLine($"Could not stop the test PostgreSQL server: {e.Message}");
        }
    }

    private sealed record Outcome(string? Url, string? Error);
}
