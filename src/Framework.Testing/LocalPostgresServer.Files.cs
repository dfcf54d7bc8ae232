using System.Net;
using System.Net.Sockets;

namespace Framework.Testing;

public sealed partial class LocalPostgresServer
{
    private static async Task<(string InitDb, string PgCtl)> FindBinariesAsync(CancellationToken cancellationToken)
    {
        var initDb = FindOnPath("initdb");
        if (initDb is not null)
        {
            var pgCtl = FindIn(Path.GetDirectoryName(initDb)!, "pg_ctl") ?? FindOnPath("pg_ctl");
            if (pgCtl is not null)
                return (initDb, pgCtl);
        }

        // Debian and Ubuntu keep the server binaries off PATH, in the folder pg_config names.
        var pgConfig = FindOnPath("pg_config") ?? VersionedBinFolders().Select(dir => FindIn(dir, "pg_config")).FirstOrDefault(p => p is not null);
        string? pgConfigSays = null;
        if (pgConfig is not null)
        {
            try
            {
                var result = await RunAsync(pgConfig, ["--bindir"], workingDirectory: null, async: true, check: true, cancellationToken).ConfigureAwait(false);
                var binDir = result.Output.Trim();
                if (FindIn(binDir, "initdb") is { } i && FindIn(binDir, "pg_ctl") is { } c)
                    return (i, c);
                pgConfigSays = $" ('{pgConfig} --bindir' printed '{binDir}', which holds no initdb and pg_ctl)";
            }
            catch (InvalidOperationException e)
            {
                pgConfigSays = $" ({e.Message})";
            }
        }

        foreach (var dir in VersionedBinFolders())
        {
            if (FindIn(dir, "initdb") is { } i && FindIn(dir, "pg_ctl") is { } c)
                return (i, c);
        }

        throw new InvalidOperationException(
            "The PostgreSQL server binaries were not found: no initdb and pg_ctl on PATH, nor in the folder " +
            $"'pg_config --bindir' names{pgConfigSays ?? " (no pg_config found)"}, nor in /usr/lib/postgresql/*/bin. " +
            "Install them, e.g. 'apt-get install postgresql' on Debian or Ubuntu.");
    }

    // /usr/lib/postgresql/<version>/bin, newest version first.
    private static IEnumerable<string> VersionedBinFolders()
    {
        const string Root = "/usr/lib/postgresql";
        if (!Directory.Exists(Root))
            return [];
        return Directory.GetDirectories(Root)
            .OrderByDescending(dir => ParseVersion(Path.GetFileName(dir)))
            .Select(dir => Path.Combine(dir, "bin"));

        static Version ParseVersion(string name) =>
            Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : name + ".0", out var version) ? version : new Version();
    }

    private static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => FindIn(dir, name))
            .FirstOrDefault(found => found is not null);
    }

    private static string? FindIn(string directory, string name)
    {
        if (directory.Length == 0)
            return null;
        var candidate = Path.Combine(directory, OperatingSystem.IsWindows() ? name + ".exe" : name);
        return File.Exists(candidate) ? candidate : null;
    }

    private static async Task<bool> IsRootAsync(CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
            return false;
        if (Environment.UserName == "root")
            return true;
        var id = await RunAsync("id", ["-u"], workingDirectory: null, async: true, check: false, cancellationToken).ConfigureAwait(false);
        return id.ExitCode == 0 && id.Output.Trim() == "0";
    }

    private static string CreateTemporaryDirectory(bool asPostgresUser)
    {
        // The postgres user must be able to reach the folder: when TMPDIR sits under a private home folder, use /tmp.
        var parent = Path.GetTempPath();
        if (asPostgresUser && !OthersCanTraverse(parent))
            parent = "/tmp";
        var name = "framework-pg-" + Guid.NewGuid().ToString("N")[..12];
        // The server's socket lives here too, and a Unix socket path is limited to about 107 bytes.
        var directory = Path.Combine(parent, name);
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static bool OthersCanTraverse(string path)
    {
        if (OperatingSystem.IsWindows())
            return true;
        for (var dir = new DirectoryInfo(path); dir is not null; dir = dir.Parent)
        {
            if (!dir.Exists || (dir.UnixFileMode & UnixFileMode.OtherExecute) == 0)
                return false;
        }
        return true;
    }

    private static int FindFreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static void DeleteDirectory(string directory)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                if (Directory.Exists(directory))
                    Directory.Delete(directory, recursive: true);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A process that just stopped may still be closing files; the folder is temporary, so give up quietly.
                if (attempt == 5)
                    return;
                Thread.Sleep(200);
            }
        }
    }

    private static string ReadTail(string file, int lines)
    {
        try
        {
            var all = File.ReadAllLines(file);
            return string.Join(Environment.NewLine, all.Skip(Math.Max(0, all.Length - lines)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"(could not read it: {e.Message})";
        }
    }
}
