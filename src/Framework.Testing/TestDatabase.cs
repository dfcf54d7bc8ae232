using Framework.Sql;

namespace Framework.Testing;

/// <summary>
/// An empty database of a test's own, dropped when disposed: a new, uniquely named database on the test run's
/// PostgreSQL server (<see cref="TestPostgres"/>), or a new SQLite file in the temporary folder. Hand its
/// <see cref="Url"/> to the code under test, e.g. through <c>FrameworkWebApplicationFactory</c>.
/// </summary>
/// <remarks>
/// A database per test class (an xunit class fixture) lets classes run in parallel without seeing each other's tables;
/// within a class, <c>RollbackIsolation</c> keeps tests from seeing each other's rows.
/// </remarks>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _serverUrl;
    private int _disposed;

    private TestDatabase(string url, string? serverUrl)
    {
        Url = url;
        _serverUrl = serverUrl;
    }

    /// <summary>The database's URL, password included: <c>postgresql://user@host:port/test_…</c> or <c>sqlite:////tmp/…/….db</c>.</summary>
    public string Url { get; }

    /// <summary>Whether this is a PostgreSQL database (else a SQLite file).</summary>
    public bool IsPostgreSql => _serverUrl is not null;

    /// <summary>
    /// Creates a database named <c>test_</c> and a GUID on the test run's PostgreSQL server, which is found or started
    /// first (<see cref="TestPostgres.GetUrlAsync"/>).
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait for the server and the <c>CREATE DATABASE</c>.</param>
    /// <exception cref="InvalidOperationException">No PostgreSQL server can be had; the message says how to provide one.</exception>
    public static async Task<TestDatabase> CreatePostgreSqlAsync(CancellationToken cancellationToken = default)
    {
        var serverUrl = await TestPostgres.GetUrlAsync(cancellationToken).ConfigureAwait(false);
        var name = $"test_{Guid.NewGuid():N}";
        await RunOnServerAsync(serverUrl, $"CREATE DATABASE {name}", cancellationToken).ConfigureAwait(false);
        return new TestDatabase(PostgresUrl.WithDatabase(serverUrl, name), serverUrl);
    }

    /// <summary>Names a new SQLite file in the temporary folder; SQLite creates it at the first connection.</summary>
    public static TestDatabase CreateSqlite()
    {
        var path = Path.Combine(Path.GetTempPath(), "framework-tests", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new TestDatabase("sqlite:///" + path, serverUrl: null);
    }

    /// <summary>
    /// Drops the database (<c>DROP DATABASE … WITH (FORCE)</c>, which ends connections still open to it) or deletes the
    /// SQLite file with its journal. Calling it again does nothing.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        var database = Framework.Url.Parse(Url).Database!;
        if (_serverUrl is not null)
        {
            await RunOnServerAsync(_serverUrl, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)", CancellationToken.None).ConfigureAwait(false);
            return;
        }
        foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" })
            File.Delete(database + suffix);
    }

    /// <summary>The URL with its password hidden.</summary>
    public override string ToString() => Framework.Url.Parse(Url).ToString();

    // CREATE and DROP DATABASE cannot run inside a transaction, hence autocommit; no pool outlives the statement.
    private static async Task RunOnServerAsync(string serverUrl, string sql, CancellationToken cancellationToken)
    {
        var engine = Engines.CreateAsyncEngine(serverUrl, new EngineOptions { Autocommit = true, PoolClass = PoolClass.Null });
        await using (engine.ConfigureAwait(false))
        {
            var connection = await engine.ConnectAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
                await connection.ExecuteAsync(Expressions.Text(sql), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }
}
