using System.Globalization;
using Framework.AspNetCore.TestApp;
using Framework.AspNetCore.Tests.Infrastructure;
using Framework.Orm;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Framework.Sql.Expressions;

namespace Framework.AspNetCore.Tests.Registration;

/// <summary>
/// Work outside a request (a BackgroundService, a queue consumer) through BackgroundUnitOfWork: a scope and session of its
/// own, committed when the work completes and rolled back when it throws or is left uncommitted, and the current scope of
/// the registered AsyncScopedSession while it runs.
/// </summary>
public abstract class BackgroundUnitOfWorkTests<TDatabase>(WebAppFixture<TDatabase> fixture) : WebAppTestBase<TDatabase>(fixture)
    where TDatabase : WebDatabase, new()
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_commits_when_the_work_completes_and_rolls_back_when_it_throws(bool throws)
    {
        var app = Started();
        var name = UniqueName();
        var thrown = new InvalidOperationException("the work failed after its flush");

        var caught = await Record.ExceptionAsync(() => Work(app).RunAsync(async (session, cancellationToken) =>
        {
            session.Add(new Item { Name = name });
            await session.FlushAsync(cancellationToken);
            if (throws)
                throw thrown;
        }));

        Assert.Same(throws ? thrown : null, caught);
        Assert.Equal(throws ? 0 : 1, await ItemCount(Fixture.Main.Url, name));
        Assert.Equal(0, Engine(app).Pool.Status.CheckedOut);
    }

    [Fact]
    public async Task RunAsync_of_a_service_resolves_it_in_the_unit_of_works_scope()
    {
        var app = Started();
        var name = UniqueName();
        var scoped = app.Services.GetRequiredService<AsyncScopedSession>();
        var probeHadTheScopedSession = false;

        await Work(app).RunAsync<SessionProbe>(async (probe, cancellationToken) =>
        {
            probeHadTheScopedSession = ReferenceEquals(probe.Session, scoped.Current);
            probe.Session.Add(new Item { Name = name });
            await probe.Session.FlushAsync(cancellationToken);
        });

        Assert.True(probeHadTheScopedSession);
        Assert.Equal(1, await ItemCount(Fixture.Main.Url, name));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_unit_of_work_begun_by_hand_commits_with_CommitAsync_and_rolls_back_when_disposed_without_it(bool commit)
    {
        var app = Started();
        var name = UniqueName();

        await using (var work = Work(app).Begin())
        {
            work.Session.Add(new Item { Name = name });
            await work.Session.FlushAsync();
            Assert.True(work.Session.InTransaction);
            Assert.Equal(0, await ItemCount(Fixture.Main.Url, name));
            if (commit)
                await work.CommitAsync();
        }

        Assert.Equal(commit ? 1 : 0, await ItemCount(Fixture.Main.Url, name));
        Assert.Equal(0, Engine(app).Pool.Status.CheckedOut);
    }

    [Fact]
    public async Task The_token_a_unit_of_work_is_begun_with_cancels_its_sessions_statements_and_a_token_passed_explicitly_wins()
    {
        var app = Started();
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();

        await using var work = Work(app).Begin(stopping.Token);

        Assert.Equal(stopping.Token, work.Session.DefaultCancellationToken);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await work.Session.ScalarAsync(Text("SELECT 1")));
        using var live = new CancellationTokenSource();
        var one = await work.Session.ScalarAsync(Text("SELECT 1"), cancellationToken: live.Token);
        Assert.Equal(1L, Convert.ToInt64(one, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Inside_a_unit_of_work_the_scoped_session_is_its_session_and_outside_there_is_none()
    {
        var app = Started();
        var scoped = app.Services.GetRequiredService<AsyncScopedSession>();

        AsyncSession session;
        await using (var work = Work(app).Begin())
        {
            session = work.Session;
            Assert.Same(session, scoped.Current);
            Assert.Same(session, work.Services.GetRequiredService<AsyncSession>());
            Assert.Same(session, work.Services.GetRequiredService<SessionProbe>().Session);
            await Task.Yield();
            Assert.Same(session, scoped.Current);
        }

        var outside = Assert.Throws<InvalidOperationException>(() => scoped.Current);
        Assert.Contains("no current scope", outside.Message, StringComparison.Ordinal);
        await Work(app).RunAsync((inner, _) =>
        {
            Assert.Same(inner, scoped.Current);
            Assert.NotSame(session, inner);
            return Task.CompletedTask;
        });
    }

    [Fact]
    public async Task Units_of_work_running_at_once_each_have_their_own_session()
    {
        var app = Started();
        var scoped = app.Services.GetRequiredService<AsyncScopedSession>();
        var bothStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;

        async Task<(AsyncSession Own, AsyncSession Scoped)> Run()
        {
            (AsyncSession, AsyncSession) seen = default;
            await Work(app).RunAsync(async (session, cancellationToken) =>
            {
                if (Interlocked.Increment(ref started) == 2)
                    bothStarted.SetResult();
                await bothStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
                seen = (session, scoped.Current);
            });
            return seen;
        }

        var results = await Task.WhenAll(Run(), Run());

        Assert.All(results, result => Assert.Same(result.Own, result.Scoped));
        Assert.NotSame(results[0].Own, results[1].Own);
    }

    [Fact]
    public async Task A_BackgroundService_runs_each_queued_item_in_a_unit_of_work_of_its_own()
    {
        var app = App(configure: builder => builder.ConfigureServices(ItemImporter.AddItemImporter));
        _ = app.CreateClient();
        var importer = app.Services.GetRequiredService<ItemImporter>();
        var good = UniqueName();
        var bad = UniqueName() + "-fail";
        var after = UniqueName();

        Assert.True(await importer.ImportAsync(good));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => importer.ImportAsync(bad));
        Assert.True(await importer.ImportAsync(after));

        Assert.Contains(bad, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await ItemCount(Fixture.Main.Url, good));
        Assert.Equal(0, await ItemCount(Fixture.Main.Url, bad));
        Assert.Equal(1, await ItemCount(Fixture.Main.Url, after));
    }

    /// <summary>The test app, started (its schema made).</summary>
    private TestAppFactory Started()
    {
        var app = App();
        _ = app.CreateClient();
        return app;
    }

    private static BackgroundUnitOfWork Work(WebApplicationFactory<Program> app) => app.Services.GetRequiredService<BackgroundUnitOfWork>();

    private static AsyncEngine Engine(WebApplicationFactory<Program> app) => app.Services.GetRequiredService<AsyncEngine>();
}

public sealed class SqliteBackgroundUnitOfWorkTests(WebAppFixture<SqliteWebDatabase> fixture) : BackgroundUnitOfWorkTests<SqliteWebDatabase>(fixture);

public sealed class PostgresBackgroundUnitOfWorkTests(WebAppFixture<PostgresWebDatabase> fixture) : BackgroundUnitOfWorkTests<PostgresWebDatabase>(fixture);
