using Framework.AspNetCore.TestApp;
using Framework.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Framework.AspNetCore.Tests.Testing;

/// <summary>
/// The test app, through the test kit, on two databases of its own: one for its default engine, one for the keyed
/// engine "reports". The app's own configuration names SQLite files for both; the kit replaces the URLs.
/// </summary>
public abstract class TestKitApp : FrameworkWebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>What the app is configured with for "reports" (read by its Program): a file the tests never use.</summary>
    public const string ConfiguredReportsUrl = "sqlite:///reports-as-configured.db";

    public TestDatabase Database { get; private set; } = null!;

    public TestDatabase Reports { get; private set; } = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        Reports = await CreateDatabaseAsync();
        // The app makes its schema on its default engine only.
        await using (var engine = Engines.CreateAsyncEngine(Reports.Url))
            await engine.BeginAsync(async connection => await Base.MetaData.CreateAllAsync(connection));
        UseDatabase(Database.Url);
        UseDatabase("reports", Reports.Url);
    }

    // The Program reads its configuration before WebApplicationFactory's ConfigureWebHost applies; host configuration
    // reaches it as command-line arguments.
    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?> { ["Reports:Url"] = ConfiguredReportsUrl }));
        return base.CreateHost(builder);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Database.DisposeAsync();
        await Reports.DisposeAsync();
    }
}

public sealed class SqliteTestKitApp : TestKitApp
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}

public sealed class PostgresTestKitApp : TestKitApp
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreatePostgreSqlAsync();
}
