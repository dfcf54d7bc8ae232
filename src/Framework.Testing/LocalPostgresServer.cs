using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Framework.Testing;

/// <summary>
/// A throwaway PostgreSQL server started from the machine's server binaries (<c>initdb</c>, <c>pg_ctl</c>) in a
/// temporary folder on a free loopback port, with durability switched off for speed. When the process runs as root
/// the server runs as the <c>postgres</c> user, because PostgreSQL refuses to run as root. Every role logs in without a
/// password, except members of <see cref="PasswordGroup"/>.
/// </summary>
/// <remarks>
/// <see cref="TestPostgres"/> starts one of these when neither <c>FRAMEWORK_TEST_POSTGRES</c> nor Docker gives a server;
/// start one directly for a server of your own (a benchmark, a tool). The server is stopped by <see cref="DisposeAsync"/>
/// or <see cref="Stop"/>, at process exit if neither was called, and by a small watchdog shell if this process dies
/// without running its exit handlers.
/// </remarks>
public sealed partial class LocalPostgresServer : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    // SIGQUIT: PostgreSQL's immediate shutdown.
    private const int SigQuit = 3;

    private readonly string _pgCtl;
    private readonly string _directory;
    private readonly bool _asPostgresUser;
    private readonly EventHandler _onProcessExit;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _stopping;

    private LocalPostgresServer(string pgCtl, string directory, bool asPostgresUser, int port)
    {
        _pgCtl = pgCtl;
        _directory = directory;
        _asPostgresUser = asPostgresUser;
        Port = port;
        _onProcessExit = (_, _) =>
        {
            try
            {
                Stop();
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine(e.Message);
            }
        };
    }

    /// <summary>
    /// The group role whose members must give their password over TCP (scram-sha-256); every other role is trusted. The role
    /// itself is not created: a test that needs it creates it, and members of it, with <c>CREATE ROLE</c>.
    /// </summary>
    public const string PasswordGroup = "framework_password_auth";

    /// <summary>The address the server listens on: always the IPv4 loopback address.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The TCP port the server listens on.</summary>
    public int Port { get; }

    /// <summary>An Npgsql connection string for the superuser <c>postgres</c> (no password) and database <c>postgres</c>.</summary>
    public string ConnectionString => FormattableString.Invariant($"Host={Host};Port={Port};Username=postgres;Database=postgres");

    /// <summary>The same server as a URL: <c>postgresql://postgres@127.0.0.1:PORT/postgres</c>.</summary>
    public string Url => FormattableString.Invariant($"postgresql://postgres@{Host}:{Port}/postgres");

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>
    /// Finds the server binaries, creates a cluster in a new temporary folder and starts it, returning once it accepts
    /// connections. Throws <see cref="InvalidOperationException"/> saying what is missing or, when the server does not
    /// start, what its log says.
    /// </summary>
    public static async Task<LocalPostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var (initDb, pgCtl) = await FindBinariesAsync(cancellationToken).ConfigureAwait(false);
        var asPostgresUser = await IsRootAsync(cancellationToken).ConfigureAwait(false);
        if (asPostgresUser)
        {
            var user = await RunAsync("id", ["-u", "postgres"], workingDirectory: null, async: true, check: false, cancellationToken).ConfigureAwait(false);
            if (user.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    "This process runs as root, PostgreSQL refuses to run as root, and there is no 'postgres' user to run it as. " +
                    "Install the server with 'apt-get install postgresql' (which creates the user), create the user " +
                    "('useradd --system --user-group postgres'), or run as another user.");
            }
        }

        var directory = CreateTemporaryDirectory(asPostgresUser);
        LocalPostgresServer? server = null;
        try
        {
            if (asPostgresUser)
                await RunAsync("chown", ["postgres", directory], workingDirectory: null, async: true, check: true, cancellationToken).ConfigureAwait(false);

            var data = Path.Combine(directory, "data");
            await RunAsync(initDb, ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync"],
                asPostgresUser, directory, cancellationToken).ConfigureAwait(false);
            RequirePasswordsOfGroup(data);

            // A free port can be taken by someone else before the server binds it; try a new one in that case.
            for (var attempt = 1; ; attempt++)
            {
                var port = FindFreePort();
                var started = await TryStartAsync(pgCtl, directory, port, asPostgresUser, cancellationToken).ConfigureAwait(false);
                if (started is null)
                {
                    server = new LocalPostgresServer(pgCtl, directory, asPostgresUser, port);
                    break;
                }
                if (attempt == 3 || !started.Contains("could not bind", StringComparison.OrdinalIgnoreCase))
                    throw new InvalidOperationException(started);
            }

            AppDomain.CurrentDomain.ProcessExit += server._onProcessExit;
            server.StartWatchdog();
            return server;
        }
        catch
        {
            // Never leave a server or a folder behind, also when the start was cancelled half-way.
            server ??= new LocalPostgresServer(pgCtl, directory, asPostgresUser, port: 0);
            try
            {
                await server.StopAsync(async: true).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // The original failure says more.
            }
            throw;
        }
    }

    // pg_hba.conf takes the first line that matches, so these go before initdb's trust lines.
    private static void RequirePasswordsOfGroup(string dataDirectory)
    {
        var hba = Path.Combine(dataDirectory, "pg_hba.conf");
        var lines = string.Join('\n',
            $"# Members of {PasswordGroup} log in with a password over TCP, so that tests can meet a refused one.",
            $"host all +{PasswordGroup} 127.0.0.1/32 scram-sha-256",
            $"host all +{PasswordGroup} ::1/128 scram-sha-256",
            "");
        File.WriteAllText(hba, lines + File.ReadAllText(hba));
    }

    /// <summary>
    /// Stops the server at once (an immediate shutdown, as <c>pg_ctl stop -m immediate</c>) and deletes its folder.
    /// </summary>
    public async ValueTask DisposeAsync() => await StopAsync(async: true).ConfigureAwait(false);

    /// <summary>
    /// Stops the server and deletes its folder without awaiting anything, for <see cref="AppDomain.ProcessExit"/>
    /// handlers. Calling it again, or after <see cref="DisposeAsync"/>, does nothing.
    /// </summary>
    public void Stop() => StopAsync(async: false).GetAwaiter().GetResult();

    private async Task StopAsync(bool async)
    {
        if (Interlocked.Exchange(ref _stopping, 1) != 0)
        {
            // Another thread is stopping it (DisposeAsync and ProcessExit can race): wait for it to finish.
            if (async)
                await _stopped.Task.ConfigureAwait(false);
            else
                _stopped.Task.GetAwaiter().GetResult();
            return;
        }
        AppDomain.CurrentDomain.ProcessExit -= _onProcessExit;
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        try
        {
            if (!File.Exists(pidFile))
                return;

            // First what 'pg_ctl stop -m immediate -w' does (SIGQUIT to the postmaster, then wait for its PID file to
            // go), without starting a process: a test host is killed about 100 ms after its exit handlers start,
            // too soon for runuser and pg_ctl.
            if (!OperatingSystem.IsWindows() && ReadPostmasterPid(pidFile) is { } pid)
            {
                // A PID file left by a crashed server names no running server.
                if (!IsPostgres(pid))
                    return;
                if (SendSignal(pid, SigQuit) == 0)
                {
                    var waited = Stopwatch.StartNew();
                    while (File.Exists(pidFile) && IsPostgres(pid) && waited.Elapsed < CommandTimeout)
                    {
                        if (async)
                            await Task.Delay(10).ConfigureAwait(false);
                        else
                            Thread.Sleep(10);
                    }
                    if (!File.Exists(pidFile) || !IsPostgres(pid))
                        return;
                }
            }

            // The signal could not be sent (or Windows): let pg_ctl stop it.
            var result = await RunAsync(_pgCtl, ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], _asPostgresUser,
                _directory, async, check: false, CancellationToken.None).ConfigureAwait(false);
            if (result.ExitCode != 0 && File.Exists(pidFile))
                throw new InvalidOperationException($"Could not stop the PostgreSQL server in {_directory}: {result.Describe()}");
        }
        finally
        {
            DeleteDirectory(_directory);
            _stopped.TrySetResult();
        }
    }

    // The first line of postmaster.pid is the server's process id; the file is gone once the server has stopped.
    private static int? ReadPostmasterPid(string pidFile)
    {
        try
        {
            var first = File.ReadLines(pidFile).FirstOrDefault();
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // Whether the process is a live PostgreSQL server, not a zombie nor a stranger that reused a stale PID.
    private static bool IsPostgres(int pid)
    {
        var proc = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}";
        if (!Directory.Exists("/proc/self"))
            return SendSignal(pid, 0) == 0; // No /proc (macOS): ask the kernel whether the process exists.
        try
        {
            // /proc/PID/stat reads "PID (comm) STATE ...".
            var stat = File.ReadAllText(Path.Combine(proc, "stat"));
            return stat.Contains("(postgres)", StringComparison.Ordinal) && !stat.Contains(") Z ", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    // kill(2); not called on Windows.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    // Returns null when the server started, else why it did not (with the log's last lines).
    private static async Task<string?> TryStartAsync(string pgCtl, string directory, int port, bool asPostgresUser,
        CancellationToken cancellationToken)
    {
        var log = Path.Combine(directory, "log");
        File.Delete(log);
        var options = string.Join(' ',
            $"-p {port.ToString(CultureInfo.InvariantCulture)}",
            "-c listen_addresses=127.0.0.1",
            // pg_ctl hands these options to /bin/sh, so the folder is quoted.
            $"-c unix_socket_directories={ShellQuote(directory)}",
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            "-c max_connections=300");
        var result = await RunAsync(pgCtl, ["-D", Path.Combine(directory, "data"), "-l", log, "-o", options, "-w", "-t", "60", "start"],
            asPostgresUser, directory, async: true, check: false, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode == 0)
            return null;

        // A server that came up late is stopped so that the folder can be removed.
        await RunAsync(pgCtl, ["-D", Path.Combine(directory, "data"), "-m", "immediate", "-w", "stop"], asPostgresUser,
            directory, async: true, check: false, CancellationToken.None).ConfigureAwait(false);
        return $"PostgreSQL did not start on port {port}: {result.Describe()}{Environment.NewLine}" +
            $"Last lines of the server log {log}:{Environment.NewLine}{ReadTail(log, 30)}";
    }

    // If this process is killed (SIGKILL, a crash, a test host torn down), its exit handlers never run and pg_ctl's
    // server would live on. A detached shell polls this process and stops the server once it is gone; it exits by
    // itself as soon as the folder disappears, which is what a normal stop does.
    private void StartWatchdog()
    {
        var stop = AsPostgres(_pgCtl, ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], _asPostgresUser);
        var script = string.Join('\n',
            "exec </dev/null >/dev/null 2>&1",
            $"while kill -0 {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}; do",
            $"  [ -d {ShellQuote(DataDirectory)} ] || exit 0",
            "  sleep 1",
            "done",
            string.Join(' ', new[] { stop.FileName }.Concat(stop.Arguments).Select(ShellQuote)),
            $"rm -rf {ShellQuote(_directory)}");
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = _directory };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        try
        {
            using var process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No /bin/sh (not a Unix machine): the exit handler still stops the server in every normal case.
        }
    }
}
