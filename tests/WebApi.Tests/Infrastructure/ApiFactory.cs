using Framework.Testing;

namespace WebApi.Tests.Infrastructure;

/// <summary>
/// The sample API on a database of its own, one per test class (an xunit class fixture). Its startup makes the tables
/// and seeds them, as <c>dotnet run</c> does; each test then runs in a transaction that is rolled back after it.
/// </summary>
public abstract class ApiFactory : FrameworkWebApplicationFactory<Program>, IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        UseDatabase(Database.Url);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();               // the host and its pool first
        await Database.DisposeAsync();
    }
}

public sealed class SqliteApi : ApiFactory
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}

public sealed class PostgresApi : ApiFactory
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePostgreSqlAsync();
}
