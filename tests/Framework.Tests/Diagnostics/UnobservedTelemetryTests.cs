using System.Diagnostics;
using Framework.Diagnostics;
using Framework.Tests.Infrastructure;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Diagnostics;

/// <summary>
/// What tracing costs when nobody listens: no span is started. Listeners are process-wide, so these tests
/// run alone, after every test that listens (<see cref="UnobservedTelemetryCollection"/>).
/// </summary>
public abstract class UnobservedTelemetryTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : EngineTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    [Theory, InlineData(false), InlineData(true)]
    public async Task A_statement_starts_a_span_only_when_a_listener_samples_it(bool async)
    {
        var engine = CreateEngine();
        Activity? during = null;
        engine.SyncEngine.Events.AfterCursorExecute += _ => during = Activity.Current;
        using var request = new Activity("request").Start();
        async Task RunStatement()
        {
            during = null;
            await using var conn = await Connect(engine, async);
            await Execute(conn, async, Text("SELECT 1"));
        }

        await RunStatement();
        Assert.Same(request, during);

        var started = 0;
        using (var unsampled = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FrameworkDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
            ActivityStarted = _ => Interlocked.Increment(ref started),
        })
        {
            ActivitySource.AddActivityListener(unsampled);
            await RunStatement();
        }
        Assert.Same(request, during);
        Assert.Equal(0, started);

        // The probe sees a span when there is one: the statement's own, the caller's activity its parent.
        using (new SpanCollector(Url.Parse(DatabaseUrl).Database!))
            await RunStatement();
        Assert.NotNull(during);
        Assert.NotSame(request, during);
        Assert.Same(request, during.Parent);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class UnobservedTelemetryCollection
{
    public const string Name = "Telemetry without listeners";
}

[Collection(UnobservedTelemetryCollection.Name)]
public sealed class SqliteUnobservedTelemetryTests(DatabaseFixture<SqliteDatabase> fixture) : UnobservedTelemetryTests<SqliteDatabase>(fixture);

[Collection(UnobservedTelemetryCollection.Name)]
public sealed class PostgresUnobservedTelemetryTests(DatabaseFixture<PostgresDatabase> fixture) : UnobservedTelemetryTests<PostgresDatabase>(fixture);
