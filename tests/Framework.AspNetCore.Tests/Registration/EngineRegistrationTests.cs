using System.Net;
using System.Net.Http.Json;
using Framework.AspNetCore.TestApp;
using Framework.AspNetCore.Tests.Infrastructure;
using Framework.Orm;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Framework.Sql.Expressions;

namespace Framework.AspNetCore.Tests.Registration;

/// <summary>
/// AddAsyncEngine in its three forms (a URL with a callback, a configuration section, a connection string), the lifetimes
/// of what it registers, the sessions' options, and the engine's end with the host.
/// </summary>
public abstract class EngineRegistrationTests<TDatabase>(WebAppFixture<TDatabase> fixture) : WebAppTestBase<TDatabase>(fixture)
    where TDatabase : WebDatabase, new()
{
    [Fact]
    public async Task A_configuration_section_gives_the_engine_its_url_and_options()
    {
        var app = App(settings: new Dictionary<string, string?>
        {
            ["Database:PoolSize"] = "3",
            ["Database:MaxOverflow"] = "1",
            ["Database:Name"] = "registration-app",
        });
        var client = app.CreateClient();
        var engine = app.Services.GetRequiredService<AsyncEngine>();

        Assert.Equal(Url.Parse(Fixture.Main.Url).Database, engine.Url.Database);
        Assert.Equal("registration-app", engine.SyncEngine.Name);
        Assert.Equal(3, engine.Pool.Status.Size);
        Assert.Equal(1, engine.SyncEngine.Options.MaxOverflow);
        await AssertWritesCommit(client, Fixture.Main.Url);
    }

    [Fact]
    public async Task A_url_and_a_callback_give_the_engine_its_url_and_options()
    {
        var builder = OwnHost.CreateBuilder();
        builder.Services.AddAsyncEngine(Fixture.Main.Url, options =>
        {
            options.PoolSize = 2;
            options.MaxOverflow = 0;
            options.Name = "registration-url";
        });
        var app = await Start(builder);
        var engine = app.Services.GetRequiredService<AsyncEngine>();

        Assert.Equal(Url.Parse(Fixture.Main.Url).Database, engine.Url.Database);
        Assert.Equal("registration-url", engine.SyncEngine.Name);
        Assert.Equal(2, engine.Pool.Status.Size);
        Assert.Equal(0, engine.SyncEngine.Options.MaxOverflow);
        await AssertWritesCommit(app.GetTestClient(), Fixture.Main.Url);
    }

    [Fact]
    public async Task A_connection_string_section_is_the_url_and_leaves_the_options_at_their_defaults()
    {
        var builder = OwnHost.CreateBuilder(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = Fixture.Main.Url });
        builder.Services.AddAsyncEngine(builder.Configuration.GetSection("ConnectionStrings:Default"));
        var app = await Start(builder);
        var engine = app.Services.GetRequiredService<AsyncEngine>();

        Assert.Equal(Url.Parse(Fixture.Main.Url).Database, engine.Url.Database);
        Assert.Equal(new EngineOptions().PoolSize, engine.Pool.Status.Size);
        await AssertWritesCommit(app.GetTestClient(), Fixture.Main.Url);
    }

    [Fact]
    public async Task A_section_with_keys_beneath_it_is_read_as_options_even_when_it_has_an_empty_value()
    {
        // What WebApplicationFactory's settings look like to the app: every parent key arrives as an empty command-line value.
        var builder = OwnHost.CreateBuilder(new Dictionary<string, string?>
        {
            ["Database"] = "",
            ["Database:Url"] = Fixture.Main.Url,
            ["Database:PoolSize"] = "2",
        });
        builder.Services.AddAsyncEngine(builder.Configuration.GetSection("Database"));
        var app = await Start(builder);
        var engine = app.Services.GetRequiredService<AsyncEngine>();

        Assert.Equal(Url.Parse(Fixture.Main.Url).Database, engine.Url.Database);
        Assert.Equal(2, engine.Pool.Status.Size);
    }

    [Fact]
    public async Task The_engine_the_session_maker_and_the_scoped_session_are_singletons_and_sessions_are_scoped()
    {
        var app = App(reports: true);
        _ = app.CreateClient();
        var root = app.Services;
        await using var first = root.CreateAsyncScope();
        await using var second = root.CreateAsyncScope();

        var engine = root.GetRequiredService<AsyncEngine>();
        var maker = root.GetRequiredService<AsyncSessionMaker>();
        var scoped = root.GetRequiredService<AsyncScopedSession>();
        foreach (var scope in new[] { first.ServiceProvider, second.ServiceProvider })
        {
            Assert.Same(engine, scope.GetRequiredService<AsyncEngine>());
            Assert.Same(maker, scope.GetRequiredService<AsyncSessionMaker>());
            Assert.Same(scoped, scope.GetRequiredService<AsyncScopedSession>());
            Assert.Same(scope.GetRequiredService<AsyncSession>(), scope.GetRequiredService<AsyncSession>());
        }
        Assert.Same(engine, maker.Engine);
        Assert.NotSame(first.ServiceProvider.GetRequiredService<AsyncSession>(), second.ServiceProvider.GetRequiredService<AsyncSession>());

        var reports = root.GetRequiredKeyedService<AsyncEngine>("reports");
        var reportsMaker = root.GetRequiredKeyedService<AsyncSessionMaker>("reports");
        Assert.NotSame(engine, reports);
        Assert.Same(reports, first.ServiceProvider.GetRequiredKeyedService<AsyncEngine>("reports"));
        Assert.Same(reportsMaker, first.ServiceProvider.GetRequiredKeyedService<AsyncSessionMaker>("reports"));
        Assert.Same(reports, reportsMaker.Engine);
    }

    [Fact]
    public async Task Sessions_do_not_expire_on_commit_by_default()
    {
        var app = App();
        _ = app.CreateClient();
        Assert.False(app.Services.GetRequiredService<AsyncSessionMaker>().Options.ExpireOnCommit);

        var item = new Item { Name = UniqueName() };
        await using (var work = app.Services.GetRequiredService<BackgroundUnitOfWork>().Begin())
        {
            work.Session.Add(item);
            await work.CommitAsync();
            Assert.True(item.Id > 0);
        }
        // Still loaded after the commit and the session's end: nothing was expired, so reading it needs no database.
        Assert.StartsWith("item-", item.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigureSessions_sets_the_options_of_the_sessions_of_its_engine_only()
    {
        await CreateSchema(Fixture.Reports.Url);
        var builder = OwnHost.CreateBuilder();
        builder.Services.AddAsyncEngine(Fixture.Main.Url).ConfigureSessions(options => options.ExpireOnCommit = true);
        builder.Services.AddKeyedAsyncEngine("reports", Fixture.Reports.Url).ConfigureSessions(options => options.Autoflush = false);
        var app = await Start(builder);

        var maker = app.Services.GetRequiredService<AsyncSessionMaker>();
        var reportsMaker = app.Services.GetRequiredKeyedService<AsyncSessionMaker>("reports");
        Assert.True(maker.Options.ExpireOnCommit);
        Assert.True(maker.Options.Autoflush);
        Assert.False(reportsMaker.Options.ExpireOnCommit);
        Assert.False(reportsMaker.Options.Autoflush);

        var item = new Item { Name = UniqueName() };
        await using (var work = app.Services.GetRequiredService<BackgroundUnitOfWork>().Begin())
        {
            work.Session.Add(item);
            await work.CommitAsync();
            // The commit expired the item: reading it again would need the database, which an attribute getter never does.
            Assert.Throws<LazyLoadException>(() => item.Name);
        }
    }

    [Fact]
    public async Task The_engines_are_disposed_with_the_host_and_their_connections_closed()
    {
        // A host of the test's own: WebApplicationFactory's host is disposed by the app's own Run() as well, on the entry
        // point's thread, and the second of the two disposals returns at once, before the first has closed anything.
        await CreateSchema(Fixture.Reports.Url);
        var builder = OwnHost.CreateBuilder(new Dictionary<string, string?> { ["Database:Url"] = Fixture.Main.Url, ["Reports:Url"] = Fixture.Reports.Url });
        builder.Services.AddAsyncEngine(builder.Configuration.GetSection("Database"));
        builder.Services.AddKeyedAsyncEngine("reports", builder.Configuration.GetSection("Reports"));
        var app = await Start(builder);
        await AssertWritesCommit(app.GetTestClient(), Fixture.Main.Url);
        var engine = app.Services.GetRequiredService<AsyncEngine>();
        var reports = app.Services.GetRequiredKeyedService<AsyncEngine>("reports");
        await using (var connection = await reports.ConnectAsync())
            Assert.Equal(0, await connection.ScalarAsync<int>(Text("SELECT 0")));
        var idle = engine.Pool.Status.Idle;
        Assert.True(idle > 0, engine.Pool.Status.ToString());
        Assert.True(reports.Pool.Status.Idle > 0, reports.Pool.Status.ToString());
        using var activity = new EngineActivity(engine);
        var observer = Engine(Fixture.Main.Url);
        var serverConnections = await Fixture.Kind.OtherServerConnections(observer);
        if (serverConnections is { } before)
            Assert.True(before >= idle, $"{before} connection(s) on the server, {idle} idle in the pool");

        await app.StopAsync();
        await app.DisposeAsync();

        Assert.Equal(0, engine.Pool.Status.Open);
        Assert.Equal(0, reports.Pool.Status.Open);
        Assert.Equal(idle, activity.Closes);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await engine.ConnectAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await reports.ConnectAsync());
        if (serverConnections is not null)
        {
            // The server ends a backend when it reads the client's goodbye, a moment after the client sent it.
            Assert.Equal(0, await ReadUntil(() => Fixture.Kind.OtherServerConnections(observer), count => count == 0));
        }
    }

    private async Task<WebApplication> Start(WebApplicationBuilder builder)
    {
        var app = Own(builder.Build());
        app.MapItemWriter();
        await CreateSchema(Fixture.Main.Url);
        await app.StartAsync();
        return app;
    }

    /// <summary>The app's engine is the one on <paramref name="url"/>: an item posted through it is there once the request ended.</summary>
    private async Task AssertWritesCommit(HttpClient client, string url)
    {
        var name = UniqueName();
        var response = await client.PostAsJsonAsync("/items", new NewItem(name));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, await ItemCount(url, name));
    }
}

public sealed class SqliteEngineRegistrationTests(WebAppFixture<SqliteWebDatabase> fixture) : EngineRegistrationTests<SqliteWebDatabase>(fixture);

public sealed class PostgresEngineRegistrationTests(WebAppFixture<PostgresWebDatabase> fixture) : EngineRegistrationTests<PostgresWebDatabase>(fixture);
