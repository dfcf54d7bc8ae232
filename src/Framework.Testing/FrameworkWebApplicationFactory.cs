using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Framework.Testing;

/// <summary>
/// A <see cref="WebApplicationFactory{TEntryPoint}"/> for applications built on Framework: <see cref="UseDatabase(string)"/>
/// points the application's engines at test databases by URL, and <see cref="BeginTestTransactionAsync"/> isolates each
/// test by rollback (<see cref="RollbackIsolation"/>).
/// </summary>
/// <remarks>
/// Changing the URL is all it takes to change the database, because the dialect comes from the URL: an application
/// configured for SQLite is tested on PostgreSQL, and the reverse, with no provider to remove and register again (EF
/// Core's trap, where the application's provider and the test's end up registered together). Use it as an xunit class
/// fixture and create the database in the fixture's <c>InitializeAsync</c>, before the first request builds the host.
/// </remarks>
/// <typeparam name="TEntryPoint">A type of the application's assembly, usually its <c>Program</c>.</typeparam>
public class FrameworkWebApplicationFactory<TEntryPoint> : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
{
    private readonly Dictionary<string, string> _keyedUrls = [];
    private string? _url;
    private volatile bool _hostConfigured;

    /// <summary>
    /// Makes the application's default engine connect to <paramref name="url"/> (a <see cref="TestDatabase.Url"/>, for
    /// example) instead of the URL it configured. Call it before the host is built (the first <c>CreateClient()</c> or
    /// <c>Services</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The host has already been built.</exception>
    public FrameworkWebApplicationFactory<TEntryPoint> UseDatabase(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        ThrowIfHostConfigured();
        _url = url;
        return this;
    }

    /// <summary>Makes the engine the application registered under <paramref name="serviceKey"/> connect to <paramref name="url"/>.</summary>
    /// <exception cref="InvalidOperationException">The host has already been built.</exception>
    public FrameworkWebApplicationFactory<TEntryPoint> UseDatabase(string serviceKey, string url)
    {
        ArgumentNullException.ThrowIfNull(serviceKey);
        ArgumentNullException.ThrowIfNull(url);
        ThrowIfHostConfigured();
        _keyedUrls[serviceKey] = url;
        return this;
    }

    /// <summary>
    /// Begins a test's transaction (building the host if needed): until it is disposed, every session the application
    /// makes joins it, and disposing it rolls back all they wrote. Begin one per test (xunit: in the test class's
    /// <c>InitializeAsync</c>, disposed in its <c>DisposeAsync</c>).
    /// </summary>
    public Task<TestTransaction> BeginTestTransactionAsync(CancellationToken cancellationToken = default) =>
        Services.GetRequiredService<RollbackIsolation>().BeginAsync(cancellationToken);

    /// <summary>Applies the database URLs and registers rollback isolation, after the application's own services.</summary>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        _hostConfigured = true;
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            if (_url is not null)
                services.SetAsyncEngineUrl(_url);
            foreach (var (key, url) in _keyedUrls)
                services.SetKeyedAsyncEngineUrl(key, url);
            services.AddRollbackIsolation();
        });
    }

    private void ThrowIfHostConfigured()
    {
        if (_hostConfigured)
        {
            throw new InvalidOperationException(
                "The host has already been built, so its engines keep their URLs. Call UseDatabase before the first CreateClient() " +
                "or Services, e.g. in the fixture's InitializeAsync right after creating the TestDatabase.");
        }
    }
}
