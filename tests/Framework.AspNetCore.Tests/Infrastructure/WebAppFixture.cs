using KitDatabase = Framework.Testing.TestDatabase;

namespace Framework.AspNetCore.Tests.Infrastructure;

/// <summary>
/// The databases of one test class: the application's own, and a second one for the keyed engine "reports", so that
/// classes run in parallel without seeing each other's tables.
/// </summary>
public sealed class WebAppFixture<TDatabase> : IAsyncLifetime where TDatabase : WebDatabase, new()
{
    private KitDatabase? _main;
    private KitDatabase? _reports;

    public TDatabase Kind { get; } = new();

    public KitDatabase Main => _main ?? throw new InvalidOperationException("The fixture is not initialized.");

    public KitDatabase Reports => _reports ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        _main = await Kind.CreateAsync();
        _reports = await Kind.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        if (_reports is not null)
            await _reports.DisposeAsync();
        if (_main is not null)
            await _main.DisposeAsync();
    }
}
