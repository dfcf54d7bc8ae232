using Framework.AspNetCore.TestApp;
using Microsoft.AspNetCore.Hosting;
using static Framework.Sql.Expressions;

namespace Framework.AspNetCore.Tests.Infrastructure;

/// <summary>
/// The base of the web suites: the test app over the class's databases (a host per test, disposed after it), and an
/// engine of the test's own to look at what the app left in a database.
/// </summary>
public abstract class WebAppTestBase<TDatabase>(WebAppFixture<TDatabase> fixture) : IClassFixture<WebAppFixture<TDatabase>>, IAsyncLifetime
    where TDatabase : WebDatabase, new()
{
    private readonly List<IAsyncDisposable> _owned = [];

    protected WebAppFixture<TDatabase> Fixture => fixture;

    /// <summary>
    /// The test app with its default engine on the class's database and, when <paramref name="reports"/>, the keyed engine
    /// "reports" on the second one; <paramref name="settings"/> add or override configuration keys.
    /// </summary>
    protected TestAppFactory App(bool reports = false, IReadOnlyDictionary<string, string?>? settings = null, Action<IWebHostBuilder>? configure = null)
    {
        var all = new Dictionary<string, string?> { ["Database:Url"] = fixture.Main.Url };
        if (reports)
            all["Reports:Url"] = fixture.Reports.Url;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        return Own(new TestAppFactory(all, configure));
    }

    /// <summary>
    /// An engine of the test's own, disposed after the test. It keeps no connection open between uses (NullPool), so it
    /// adds nothing to what a test counts of the app's connections on the server.
    /// </summary>
    protected AsyncEngine Engine(string url) => Own(Engines.CreateAsyncEngine(url, new EngineOptions { PoolClass = PoolClass.Null }));

    /// <summary>Makes the test app's tables in a database the app does not create them in (the keyed engine's).</summary>
    protected async Task CreateSchema(string url) =>
        await Engine(url).BeginAsync(async connection => await Base.MetaData.CreateAllAsync(connection));

    /// <summary>How many rows of <c>items</c> are named <paramref name="name"/>, as a new connection sees it.</summary>
    protected async Task<long> ItemCount(string url, string name)
    {
        await using var connection = await Engine(url).ConnectAsync();
        return await connection.ScalarAsync<long>(Text("SELECT count(*) FROM items WHERE name = :name"), new { name });
    }

    /// <summary>Reads until <paramref name="done"/> holds or <paramref name="seconds"/> pass; returns the last value read.</summary>
    protected static async Task<T> ReadUntil<T>(Func<Task<T>> read, Func<T, bool> done, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            value = await read();
        }
        return value;
    }

    /// <summary>A name no other test uses (item names are unique).</summary>
    protected static string UniqueName(string prefix = "item") => $"{prefix}-{Guid.NewGuid():N}";

    protected T Own<T>(T disposable) where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
            await _owned[i].DisposeAsync();
    }
}
