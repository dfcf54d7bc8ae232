using System.Net;
using System.Net.Http.Json;
using Framework.AspNetCore.TestApp;
using Framework.AspNetCore.Tests.Infrastructure;
using Framework.Orm;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Framework.AspNetCore.Tests.Registration;

/// <summary>
/// A second database through AddKeyedAsyncEngine("reports", ...): its session reaches minimal APIs and controller
/// constructors through [FromKeyedServices], is another engine's, and commits or rolls back with the request's default one.
/// </summary>
public abstract class KeyedEngineTests<TDatabase>(WebAppFixture<TDatabase> fixture) : WebAppTestBase<TDatabase>(fixture)
    where TDatabase : WebDatabase, new()
{
    [Theory]
    [InlineData("/registration/keyed")]
    [InlineData("/mvc/registration/keyed")]
    public async Task The_keyed_session_is_the_keyed_engines_and_both_sessions_commit_on_a_2xx(string path)
    {
        var (response, name) = await PostItem(path, StatusCodes.Status201Created);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<KeyedReport>();
        Assert.False(report!.SameEngine);
        Assert.Equal(Url.Parse(Fixture.Main.Url).Database, report.MainDatabase);
        Assert.Equal(Url.Parse(Fixture.Reports.Url).Database, report.ReportsDatabase);
        Assert.True(report.ScopedIsInjected);
        Assert.Equal(1, await ItemCount(Fixture.Main.Url, name));
        Assert.Equal(1, await ItemCount(Fixture.Reports.Url, name));
    }

    [Theory]
    [InlineData("/registration/keyed")]
    [InlineData("/mvc/registration/keyed")]
    public async Task Both_sessions_roll_back_on_a_4xx(string path)
    {
        var (response, name) = await PostItem(path, StatusCodes.Status422UnprocessableEntity);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(0, await ItemCount(Fixture.Main.Url, name));
        Assert.Equal(0, await ItemCount(Fixture.Reports.Url, name));
    }

    [Fact]
    public async Task AddKeyedAsyncEngine_with_a_url_and_a_callback_registers_an_engine_beside_the_default_one()
    {
        await CreateSchema(Fixture.Main.Url);
        await CreateSchema(Fixture.Reports.Url);
        var builder = OwnHost.CreateBuilder();
        builder.Services.AddAsyncEngine(Fixture.Main.Url);
        builder.Services.AddKeyedAsyncEngine("reports", Fixture.Reports.Url, options => options.PoolSize = 2);
        var app = Own(builder.Build());
        app.MapItemWriter();
        await app.StartAsync();

        var engine = app.Services.GetRequiredService<AsyncEngine>();
        var reports = app.Services.GetRequiredKeyedService<AsyncEngine>("reports");
        Assert.Equal(new EngineOptions().PoolSize, engine.Pool.Status.Size);
        Assert.Equal(2, reports.Pool.Status.Size);
        Assert.Equal(Url.Parse(Fixture.Reports.Url).Database, reports.Url.Database);
        Assert.Same(reports, app.Services.GetRequiredKeyedService<AsyncSessionMaker>("reports").Engine);

        // A background unit of work commits the keyed session it made, as a request does.
        var name = UniqueName();
        await using (var work = app.Services.GetRequiredService<BackgroundUnitOfWork>().Begin())
        {
            var session = work.Services.GetRequiredKeyedService<AsyncSession>("reports");
            Assert.Same(reports.SyncEngine, session.SyncSession.Engine);
            session.Add(new Item { Name = name });
            await work.CommitAsync();
        }
        Assert.Equal(1, await ItemCount(Fixture.Reports.Url, name));
        Assert.Equal(0, await ItemCount(Fixture.Main.Url, name));
        var response = await app.GetTestClient().PostAsJsonAsync("/items", new NewItem(name));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, await ItemCount(Fixture.Main.Url, name));
    }

    /// <summary>Posts a new item to a keyed endpoint (which writes it through both engines) and asks it to answer <paramref name="status"/>.</summary>
    private async Task<(HttpResponseMessage Response, string Name)> PostItem(string path, int status)
    {
        await CreateSchema(Fixture.Reports.Url);
        var client = App(reports: true).CreateClient();
        var name = UniqueName();
        return (await client.PostAsJsonAsync($"{path}/{status}", new NewItem(name)), name);
    }
}

public sealed class SqliteKeyedEngineTests(WebAppFixture<SqliteWebDatabase> fixture) : KeyedEngineTests<SqliteWebDatabase>(fixture);

public sealed class PostgresKeyedEngineTests(WebAppFixture<PostgresWebDatabase> fixture) : KeyedEngineTests<PostgresWebDatabase>(fixture);
