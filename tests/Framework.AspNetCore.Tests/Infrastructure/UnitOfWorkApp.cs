using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Framework.AspNetCore.Tests.Infrastructure;

/// <summary>One running host of the test app, on the test class's database: in memory, or on Kestrel at a loopback port.</summary>
public sealed class UnitOfWorkApp(WebApplicationFactory<Program> factory, UnitOfWorkLog log, bool kestrel) : IDisposable
{
    private readonly List<HttpClient> _clients = [];
    private HttpClient? _client;

    /// <summary>A client of the app (created on first use, which starts the host).</summary>
    public HttpClient Client => _client ??= CreateClient();

    public IServiceProvider Services => factory.Services;

    /// <summary>The app's engine: its pool and events.</summary>
    public AsyncEngine Engine => Services.GetRequiredService<AsyncEngine>();

    /// <summary>What the app's engine sent to the database, and the decisions of its unit of work.</summary>
    public UnitOfWorkLog Log { get; } = log;

    /// <summary>A client of its own: on Kestrel, with connections of its own, that a cancelled request closes.</summary>
    public HttpClient CreateClient()
    {
        if (!kestrel)
            return factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        factory.StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        _clients.Add(client);
        return client;
    }

    public void Dispose()
    {
        foreach (var client in _clients)
            client.Dispose();
    }
}
