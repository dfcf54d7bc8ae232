using Framework.Testing;

namespace Company.WebApplication1.Tests;

/// <summary>
/// The API on a database of its own, one per test class (an xunit class fixture). The application is configured for
/// its own database; UseDatabase points it at the test's, and the dialect follows from the URL.
/// </summary>
public sealed class ApiFactory : FrameworkWebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? _database;

#if (UsePostgres)
    /// <summary>
    /// Creates a database on the test run's PostgreSQL server: the one FRAMEWORK_TEST_POSTGRES names (a URL or a
    /// connection string), else a container when Docker answers, else a temporary server started from the machine's
    /// PostgreSQL binaries.
    /// </summary>
    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreatePostgreSqlAsync();
        UseDatabase(_database.Url); // before the host is built
    }
#else
    /// <summary>Names a new SQLite file in the temporary folder (TestDatabase.CreatePostgreSqlAsync() for PostgreSQL).</summary>
    public Task InitializeAsync()
    {
        _database = TestDatabase.CreateSqlite();
        UseDatabase(_database.Url); // before the host is built
        return Task.CompletedTask;
    }
#endif

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync(); // the host and its pool first
        if (_database is not null)
            await _database.DisposeAsync();
    }
}
