using System.Net.Sockets;
using System.Text;
using Testcontainers.PostgreSql;

namespace Framework.Testing;

public static partial class TestPostgres
{
    private static async Task<string> StartContainerAsync()
    {
        var container = new PostgreSqlBuilder(Image).Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await container.StartAsync(timeout.Token).ConfigureAwait(false);
        }
        catch
        {
            await container.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                container.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                // The process is exiting: say what was left behind instead of crashing the test host.
                Console.Error.WriteLine($"Could not stop the test PostgreSQL container: {e.Message}");
            }
        };
        return PostgresUrl.FromConfigured(container.GetConnectionString());
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
            var reason = await PingAsync(socket).ConfigureAwait(false);
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
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), timeout.Token).ConfigureAwait(false);
            await socket.SendAsync("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"u8.ToArray(), SocketFlags.None, timeout.Token).ConfigureAwait(false);
            var buffer = new byte[256];
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token).ConfigureAwait(false);
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
}
