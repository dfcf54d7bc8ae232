using System.Globalization;
using System.Text;

namespace Framework.Testing;

/// <summary>
/// The one PostgreSQL server of a test run, found or started on first use and shared by every test in the process.
/// In order: the server named by <c>FRAMEWORK_TEST_POSTGRES</c>; a <c>postgres:15-alpine</c> container through
/// Testcontainers when a Docker engine answers; a temporary server from the machine's PostgreSQL binaries
/// (<see cref="LocalPostgresServer"/>). When none works every caller gets the same message, naming the three ways and
/// why each failed, so tests that need PostgreSQL fail rather than being skipped.
/// </summary>
/// <remarks>
/// Tests rarely share the server's own database: <see cref="TestDatabase.CreatePostgreSqlAsync"/> creates a database of
/// their own on it. A container or local server started here is stopped when the process exits.
/// </remarks>
public static partial class TestPostgres
{
    /// <summary>The environment variable that names an existing server: a URL or an Npgsql connection string.</summary>
    public const string EnvironmentVariable = "FRAMEWORK_TEST_POSTGRES";

    private const string Image = "postgres:15-alpine";

    // Started once, off any test's synchronization context; a failure is kept too, so later tests fail at once.
    private static readonly Lazy<Task<Outcome>> Server = new(() => Task.Run(FindOrStartAsync), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// A Framework URL (<c>postgresql://user:password@host:port/database</c>) for the test server, finding or starting it
    /// on the first call; later calls return the same URL at once.
    /// </summary>
    /// <param name="cancellationToken">Stops this caller's wait; the server's start goes on for the other callers.</param>
    /// <exception cref="InvalidOperationException">No server can be had; the message names the three ways to provide one.</exception>
    public static async Task<string> GetUrlAsync(CancellationToken cancellationToken = default)
    {
        var outcome = await Server.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
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
                return new(PostgresUrl.FromConfigured(configured.Trim()), null);
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                return new(null, $"{EnvironmentVariable} is set but is neither a postgresql:// URL nor an Npgsql connection string: {e.Message}");
            }
        }

        var dockerFailure = await DockerUnavailableReasonAsync().ConfigureAwait(false);
        if (dockerFailure is null)
        {
            try
            {
                return new(await StartContainerAsync().ConfigureAwait(false), null);
            }
            catch (Exception e)
            {
                dockerFailure = $"starting {Image} with Testcontainers failed: {e.GetType().Name}: {e.Message}";
            }
        }

        string localFailure;
        try
        {
            // The server stops itself when the process exits.
            var server = await LocalPostgresServer.StartAsync().ConfigureAwait(false);
            return new(server.Url, null);
        }
        catch (Exception e)
        {
            localFailure = e.Message;
        }

        var message = new StringBuilder()
            .AppendLine("The PostgreSQL tests need a server and none could be found or started. Provide one in any of these three ways:")
            .AppendLine(CultureInfo.InvariantCulture, $"  1. Set {EnvironmentVariable} to a connection string or URL of a server whose user may create and drop databases,")
            .AppendLine("     e.g. 'Host=localhost;Port=5432;Username=postgres;Password=secret;Database=postgres' or 'postgresql://postgres:secret@localhost:5432/postgres'.")
            .AppendLine(CultureInfo.InvariantCulture, $"     Not used: {EnvironmentVariable} is not set.")
            .AppendLine(CultureInfo.InvariantCulture, $"  2. Start a Docker engine, so that Testcontainers runs {Image}.")
            .AppendLine(CultureInfo.InvariantCulture, $"     Not used: {dockerFailure}")
            .AppendLine("  3. Install the PostgreSQL server binaries (e.g. 'apt-get install postgresql') so that initdb and pg_ctl are found")
            .AppendLine("     on PATH or in the folder 'pg_config --bindir' prints; a temporary server is then started on a free port.")
            .Append(CultureInfo.InvariantCulture, $"     Failed: {localFailure}");
        return new(null, message.ToString());
    }

    private sealed record Outcome(string? Url, string? Error);
}
