namespace Framework.Tests.Infrastructure;

/// <summary>A database of the class's own for one test class; engines the tests create are disposed with it.</summary>
public sealed class DatabaseFixture<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    public TDatabase Database { get; } = new();

    public string Url { get; private set; } = "";

    public async Task InitializeAsync() => Url = await Database.CreateAsync();

    public Task DisposeAsync() => Database.DropAsync(Url);
}
