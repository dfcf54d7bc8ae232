using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Framework.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Diagnostics;

public abstract class DiagnosticsTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : EngineTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    [Theory, InlineData(false), InlineData(true)]
    public async Task Echo_logs_statements_parameters_and_transactions_at_information_level(bool async)
    {
        var logs = new CapturingLoggerFactory();
        var engine = CreateEngine(new() { Echo = true, LoggerFactory = logs });

        await using (var conn = await Connect(engine, async))
        {
            await Execute(conn, async, Text("SELECT :greeting"), new { greeting = "hello" });
            await Commit(conn, async);
        }

        var engineLogs = logs.Entries.Where(e => e.Category == "Framework.Engine").ToList();
        Assert.All(engineLogs, e => Assert.Equal(LogLevel.Information, e.Level));
        // SQL text begins the transaction on PostgreSQL; SQLite sees that it only reads, so it runs before any BEGIN there.
        Assert.Equal(
            Db.IsPostgres
                ? [(1002, "BEGIN (implicit)"), (1000, "SELECT $1"), (1001, "[raw sql] (hello,)"), (1003, "COMMIT")]
                : [(1000, "SELECT @p0"), (1001, "[raw sql] (hello,)")],
            engineLogs.Select(e => (e.EventId, e.Message)));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Without_echo_statements_go_to_debug_and_hidden_parameters_stay_hidden(bool async)
    {
        var logs = new CapturingLoggerFactory();
        var engine = CreateEngine(new() { LoggerFactory = logs, HideParameters = true });

        await using (var conn = await Connect(engine, async))
            await Execute(conn, async, Text("SELECT :secret"), new { secret = "do-not-log" });

        var statement = Assert.Single(logs.Entries, e => e.EventId == 1001);
        Assert.Equal(LogLevel.Debug, statement.Level);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("do-not-log", StringComparison.Ordinal));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Each_statement_is_a_client_span_of_the_Framework_activity_source(bool async)
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Framework",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var engine = CreateEngine();
        var marker = $"SELECT {Random.Shared.Next(1000, 1_000_000)}";

        await using (var conn = await Connect(engine, async))
        {
            await Execute(conn, async, Text(marker));
            await Assert.ThrowsAnyAsync<DatabaseException>(() => Execute(conn, async, Text("SELECT * FROM missing_for_span")));
        }

        var span = Assert.Single(spans, s => Equals(s.GetTagItem("db.query.text"), marker));
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(engine.Dialect.Name, span.GetTagItem("db.system.name"));
        var failed = Assert.Single(spans, s => Equals(s.GetTagItem("db.query.text"), "SELECT * FROM missing_for_span"));
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task The_Framework_meter_reports_pool_gauges_and_statement_durations(bool async)
    {
        var engine = CreateEngine(new() { Name = $"metered-{Guid.NewGuid():N}" });
        var name = engine.SyncEngine.Name;
        var gauges = new ConcurrentDictionary<string, int>();
        var durations = new ConcurrentBag<double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Framework")
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "pool.name" && Equals(tag.Value, name))
                    gauges[instrument.Name] = value;
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (instrument.Name == "framework.statement.duration" && Equals(tag.Value, name))
                    durations.Add(value);
            }
        });
        listener.Start();

        var held = await Connect(engine, async);
        await Execute(held, async, Text("SELECT 1"));
        var idle = await Connect(engine, async);
        await Close(idle, async);
        listener.RecordObservableInstruments();

        Assert.Equal(1, gauges["framework.pool.connections.in_use"]);
        Assert.Equal(1, gauges["framework.pool.connections.idle"]);
        Assert.Single(durations);
        Assert.True(durations.Single() >= 0);
        await Close(held, async);
    }
}

public sealed class SqliteDiagnosticsTests(DatabaseFixture<SqliteDatabase> fixture) : DiagnosticsTests<SqliteDatabase>(fixture);

public sealed class PostgresDiagnosticsTests(DatabaseFixture<PostgresDatabase> fixture) : DiagnosticsTests<PostgresDatabase>(fixture);

/// <summary>Keeps every log entry written through it, for assertions.</summary>
public sealed class CapturingLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<(string Category, LogLevel Level, int EventId, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((category, logLevel, eventId.Id, formatter(state, exception)));
    }
}
