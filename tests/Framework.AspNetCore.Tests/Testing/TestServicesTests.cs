using Framework.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Framework.AspNetCore.Tests.Testing;

/// <summary>The test kit's service registrations, for users with a WebApplicationFactory of their own (no database needed).</summary>
public sealed class TestServicesTests
{
    private static ServiceCollection AppServices()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAsyncEngine("sqlite:///app-as-configured.db", engine => engine.PoolSize = 3);
        services.AddKeyedAsyncEngine("reports", "postgresql://app@db.example/reports");
        return services;
    }

    [Fact]
    public void The_test_url_replaces_the_configured_one_of_each_engine_and_keeps_its_other_options()
    {
        var services = AppServices()
            .SetAsyncEngineUrl("postgresql://tester@localhost/test_db")
            .SetKeyedAsyncEngineUrl("reports", "sqlite:///reports-test.db");
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptionsMonitor<AsyncEngineOptions>>();

        Assert.Equal("postgresql://tester@localhost/test_db", options.Get(Options.DefaultName).Url);
        Assert.Equal(3, options.Get(Options.DefaultName).Engine.PoolSize);
        Assert.Equal("sqlite:///reports-test.db", options.Get("reports").Url);
    }

    [Fact]
    public void A_url_for_an_engine_the_app_did_not_register_is_refused_with_where_to_call_it()
    {
        var missing = Assert.Throws<InvalidOperationException>(() => AppServices().SetKeyedAsyncEngineUrl("archive", "sqlite:///a.db"));
        Assert.Contains("found no AddKeyedAsyncEngine(\"archive\", ...)", missing.Message);
        Assert.Contains("ConfigureTestServices", missing.Message);

        var early = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddRollbackIsolation());
        Assert.Contains("Call it after the application registered its engines", early.Message);
    }

    [Fact]
    public async Task Rollback_isolation_stands_in_front_of_the_apps_session_factory_once()
    {
        var services = AppServices().AddRollbackIsolation().AddRollbackIsolation();
        await using var provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(IAsyncSessionFactory));
        Assert.Null(provider.GetRequiredService<RollbackIsolation>().Current);
        // Between tests, sessions are the app's own, over its engine.
        await using var session = provider.GetRequiredService<IAsyncSessionFactory>().CreateSession(null, null);
        Assert.Same(provider.GetRequiredService<AsyncEngine>().SyncEngine, session.SyncSession.Engine);
    }
}
