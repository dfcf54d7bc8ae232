using KitDatabase = Framework.Testing.TestDatabase;

namespace Framework.Tests.Infrastructure;

/// <summary>A database of the class's own for one test class; engines the tests create are disposed with it.</summary>
public sealed class DatabaseFixture<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    private KitDatabase? _database;

    public TDatabase Database { get; } = new();

    public string Url => _database?.Url ?? "";

    public async Task InitializeAsync() => _database = await Database.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
            await _database.DisposeAsync();
    }
}
