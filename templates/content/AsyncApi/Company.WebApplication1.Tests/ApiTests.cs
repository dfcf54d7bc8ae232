using Framework.Testing;

namespace Company.WebApplication1.Tests;

/// <summary>
/// A test class on its own database, each test in a transaction of its own that is rolled back at its end: what one
/// test wrote, the next one does not see. Send a test's requests one after another (they share the test's connection).
/// </summary>
public abstract class ApiTests(ApiFactory api) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    protected HttpClient Client { get; } = api.CreateClient();

    protected TestTransaction Transaction { get; private set; } = null!;

    public async Task InitializeAsync() => Transaction = await api.BeginTestTransactionAsync();

    public async Task DisposeAsync() => await Transaction.DisposeAsync();
}
