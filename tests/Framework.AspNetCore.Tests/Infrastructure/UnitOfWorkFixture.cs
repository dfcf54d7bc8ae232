using Framework.Testing;

namespace Framework.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A database of the test class's own with the test app's tables, and an engine of the test's (not the app's) that reads
/// what the app's requests left there.
/// </summary>
public sealed class UnitOfWorkFixture<TDatabase> : IAsyncLifetime where TDatabase : UnitOfWorkDatabase, new()
{
    private TestDatabase? _database;
    private AsyncEngine? _checker;

    public TDatabase Database { get; } = new();

    public string Url => _database?.Url ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>The test's own engine over the database, apart from the app's pool.</summary>
    public AsyncEngine Checker => _checker ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        _database = await Database.CreateAsync();
        _checker = Engines.CreateAsyncEngine(_database.Url);
        // The app makes its tables when it starts; made here too, a test can put rows there before it starts the app.
        await _checker.BeginAsync(async connection => await TestApp.Base.MetaData.CreateAllAsync(connection));
    }

    public async Task DisposeAsync()
    {
        if (_checker is not null)
            await _checker.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
    }
}
