using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Framework.Diagnostics;
using Framework.Sql;
using Framework.Tests.Infrastructure;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Diagnostics;

/// <summary>
/// The <c>Framework</c> activity source and meter against OpenTelemetry's database semantic conventions. Listeners are
/// process-wide and test classes run in parallel, so each test keeps only what its own database (<c>db.namespace</c>) or
/// engine (<c>db.client.connection.pool.name</c>) reported.
/// </summary>
public abstract class TelemetryTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : EngineTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    private string Namespace => Url.Parse(DatabaseUrl).Database!;

    private string System => Db.IsPostgres ? "postgresql" : "sqlite";

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_statement_is_a_client_span_named_after_its_operation_and_table_under_the_callers_activity(bool async)
    {
        var engine = CreateEngine();
        var table = new Table(TableName(), new MetaData(), new Column<int>("id", primaryKey: true), new Column<string>("name"));
        await engine.BeginAsync(async conn => await table.CreateAsync(conn));
        using var spans = new SpanCollector(Namespace);
        using var request = new Activity("request").Start();

        await using (var conn = await Connect(engine, async))
        {
            await Execute(conn, async, table.Insert(), new { id = 1, name = "one" });
            await Execute(conn, async, Select(table).Where(table.C["id"] == 1));
            await Commit(conn, async);
        }

        var insert = Assert.Single(spans.Where("db.operation.name", "INSERT"));
        Assert.Equal($"INSERT {table.Name}", insert.DisplayName);
        Assert.Equal(ActivityKind.Client, insert.Kind);
        Assert.Equal(ActivityStatusCode.Unset, insert.Status);
        Assert.Equal(table.Name, insert.GetTagItem("db.collection.name"));
        Assert.Equal(table.Insert().Compile(engine.Dialect).Sql, insert.GetTagItem("db.query.text"));
        var select = Assert.Single(spans.Where("db.operation.name", "SELECT"));
        Assert.Equal($"SELECT {table.Name}", select.DisplayName);
        foreach (var span in new[] { insert, select })
        {
            Assert.Equal(System, span.GetTagItem("db.system.name"));
            Assert.Equal(Namespace, span.GetTagItem("db.namespace"));
            AssertServer(span.GetTagItem("server.address"), span.GetTagItem("server.port"));
            Assert.Equal(request.TraceId, span.TraceId);
            Assert.Equal(request.SpanId, span.ParentSpanId);
        }
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Sql_text_is_named_after_its_database_without_an_operation_name(bool async)
    {
        var engine = CreateEngine();
        using var spans = new SpanCollector(Namespace);
        var marker = $"SELECT {Random.Shared.Next(1000, 1_000_000)}";

        await using (var conn = await Connect(engine, async))
            await Execute(conn, async, Text(marker));

        var span = Assert.Single(spans.Where("db.query.text", marker));
        Assert.Equal(Namespace, span.DisplayName);
        Assert.Null(span.GetTagItem("db.operation.name"));
        Assert.Null(span.GetTagItem("db.collection.name"));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Commit_and_rollback_are_spans_of_their_own_beside_the_statements_under_the_callers_activity(bool async)
    {
        var engine = CreateEngine();
        var table = await CreateNamesTable(engine);
        using var spans = new SpanCollector(Namespace);
        using var request = new Activity("request").Start();

        await using (var conn = await Connect(engine, async))
        {
            await Execute(conn, async, Text($"INSERT INTO {table} (name) VALUES ('kept')"));
            await Commit(conn, async);
            await Execute(conn, async, Text($"INSERT INTO {table} (name) VALUES ('undone')"));
            await Rollback(conn, async);
        }

        var commit = Assert.Single(spans.Where("db.operation.name", "COMMIT"));
        var rollback = Assert.Single(spans.Where("db.operation.name", "ROLLBACK"));
        Assert.Equal("COMMIT", commit.DisplayName);
        Assert.Equal("ROLLBACK", rollback.DisplayName);
        var inserts = spans.All.Where(s => s.GetTagItem("db.query.text") is string sql && sql.StartsWith("INSERT", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, inserts.Count);
        Assert.All(inserts.Append(commit).Append(rollback), span =>
        {
            Assert.Equal(ActivityKind.Client, span.Kind);
            Assert.Equal(System, span.GetTagItem("db.system.name"));
            Assert.Equal(request.SpanId, span.ParentSpanId);
        });
        // Each operation's span ends before the next begins: none is left open as the parent of what follows.
        Assert.True(inserts[0].StartTimeUtc + inserts[0].Duration <= commit.StartTimeUtc);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Savepoints_are_spans_named_by_their_operation_not_their_name(bool async)
    {
        var engine = CreateEngine();
        using var spans = new SpanCollector(Namespace);

        await using (var conn = await Connect(engine, async))
        {
            await End(await BeginNested(conn, async), async, commit: true);
            await End(await BeginNested(conn, async), async, commit: false);
            await Rollback(conn, async);
        }

        Assert.Equal(2, spans.Where("db.operation.name", "SAVEPOINT").Count());
        Assert.Equal(["RELEASE SAVEPOINT"], spans.Where("db.operation.name", "RELEASE SAVEPOINT").Select(s => s.DisplayName));
        Assert.Equal(["ROLLBACK TO SAVEPOINT"], spans.Where("db.operation.name", "ROLLBACK TO SAVEPOINT").Select(s => s.DisplayName));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_failed_statement_records_the_database_error_code_on_its_span_and_its_duration(bool async)
    {
        var engine = CreateEngine(new() { Name = $"failing-{Guid.NewGuid():N}" });
        using var spans = new SpanCollector(Namespace);
        using var measurements = new MeasurementCollector();

        DatabaseException error;
        await using (var conn = await Connect(engine, async))
            error = await Assert.ThrowsAnyAsync<DatabaseException>(() => Execute(conn, async, Text("SELECT * FROM missing_for_span")));

        Assert.NotNull(error.DriverCode);
        var span = Assert.Single(spans.Where("db.query.text", "SELECT * FROM missing_for_span"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(error.DriverCode, span.GetTagItem("error.type"));
        Assert.Equal(error.DriverCode, span.GetTagItem("db.response.status_code"));
        var duration = Assert.Single(measurements.Of("db.client.operation.duration"), m => Equals(m.Tags.GetValueOrDefault("db.namespace"), Namespace)
            && Equals(m.Tags.GetValueOrDefault("error.type"), error.DriverCode));
        Assert.Equal(error.DriverCode, duration.Tags["db.response.status_code"]);
    }

    [Fact]
    public async Task A_cancelled_statement_is_an_error_of_the_type_the_database_gave_not_of_the_cancellation()
    {
        var engine = CreateEngine();
        using var spans = new SpanCollector(Namespace);
        var slow = Db.Slow(5);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await using (var conn = await engine.ConnectAsync())
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await conn.ExecuteAsync(slow, cancellationToken: cancel.Token));

        var span = Assert.Single(spans.Where("db.query.text", slow.Text));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        // PostgreSQL's query_canceled; SQLite's SQLITE_INTERRUPT.
        Assert.Equal(Db.IsPostgres ? "57014" : "9", span.GetTagItem("error.type"));
        Assert.Equal(span.GetTagItem("error.type"), span.GetTagItem("db.response.status_code"));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Executemany_is_one_batch_span_and_insertmanyvalues_one_insert(bool async)
    {
        var engine = CreateEngine();
        var table = new Table(TableName(), new MetaData(), new Column<int>("id", primaryKey: true), new Column<string>("name"));
        await engine.BeginAsync(async conn => await table.CreateAsync(conn));
        using var spans = new SpanCollector(Namespace);

        await using (var conn = await Connect(engine, async))
        {
            await ExecuteMany(conn, async, table.Insert(), [new { id = 1, name = "a" }, new { id = 2, name = "b" }, new { id = 3, name = "c" }]);
            await ExecuteMany(conn, async, table.Update().Where(table.C["id"] == BindParam("key")).Values(new { name = BindParam("name") }),
                [new { key = 1, name = "x" }, new { key = 2, name = "y" }]);
            await Commit(conn, async);
        }

        var insert = Assert.Single(spans.Where("db.collection.name", table.Name), s => s.DisplayName.Contains("INSERT", StringComparison.Ordinal));
        Assert.Equal($"INSERT {table.Name}", insert.DisplayName);
        Assert.Null(insert.GetTagItem("db.operation.batch.size"));
        var update = Assert.Single(spans.Where("db.operation.name", "BATCH UPDATE"));
        Assert.Equal($"BATCH UPDATE {table.Name}", update.DisplayName);
        Assert.Equal(2, update.GetTagItem("db.operation.batch.size"));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task The_meter_reports_operation_durations_and_the_pools_connections_by_the_conventions(bool async)
    {
        var name = $"metered-{Guid.NewGuid():N}";
        var engine = CreateEngine(new() { Name = name, PoolSize = 3, MaxOverflow = 2 });
        var table = new Table(TableName(), new MetaData(), new Column<int>("id", primaryKey: true));
        await engine.BeginAsync(async conn => await table.CreateAsync(conn));
        using var measurements = new MeasurementCollector();

        var held = await Connect(engine, async);
        await Execute(held, async, Select(table));
        var idle = await Connect(engine, async);
        await Close(idle, async);
        measurements.Listener.RecordObservableInstruments();

        var duration = Assert.Single(measurements.Of("db.client.operation.duration"), m => Equals(m.Tags.GetValueOrDefault("db.collection.name"), table.Name));
        Assert.True(duration.Value is double seconds && seconds >= 0);
        Assert.Equal("SELECT", duration.Tags["db.operation.name"]);
        Assert.Equal(System, duration.Tags["db.system.name"]);
        Assert.Equal(Namespace, duration.Tags["db.namespace"]);
        AssertServer(duration.Tags.GetValueOrDefault("server.address"), duration.Tags.GetValueOrDefault("server.port"));
        Assert.False(duration.Tags.ContainsKey("error.type"));
        Assert.False(duration.Tags.ContainsKey("db.query.text"));

        Assert.Equal(1, measurements.Last("db.client.connection.count", name, ("db.client.connection.state", "used")));
        Assert.Equal(1, measurements.Last("db.client.connection.count", name, ("db.client.connection.state", "idle")));
        Assert.Equal(3, measurements.Last("db.client.connection.idle.max", name));
        Assert.Equal(5, measurements.Last("db.client.connection.max", name));
        Assert.Equal(0, measurements.Last("db.client.connection.pending_requests", name));
        Assert.Single(measurements.OfPool("db.client.connection.create_time", name));
        Assert.Equal(2, measurements.OfPool("db.client.connection.wait_time", name).Count());
        Assert.Single(measurements.OfPool("db.client.connection.use_time", name));
        await Close(held, async);
        Assert.Equal(2, measurements.OfPool("db.client.connection.use_time", name).Count());
    }

    [Fact]
    public void The_operation_duration_histogram_advises_the_conventions_bucket_boundaries()
    {
        using var measurements = new MeasurementCollector();

        var histogram = Assert.IsType<Histogram<double>>(Assert.Single(measurements.Instruments, i => i.Name == "db.client.operation.duration"));

        Assert.Equal("s", histogram.Unit);
        Assert.Equal([0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10], histogram.Advice?.HistogramBucketBoundaries);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_checkout_that_times_out_is_counted(bool async)
    {
        var name = $"timeouts-{Guid.NewGuid():N}";
        var engine = CreateEngine(new() { Name = name, PoolSize = 1, MaxOverflow = 0, PoolTimeout = TimeSpan.FromMilliseconds(50) });
        using var measurements = new MeasurementCollector();

        await using (var held = await Connect(engine, async))
            await Assert.ThrowsAsync<PoolTimeoutException>(() => Connect(engine, async));

        var timeout = Assert.Single(measurements.OfPool("db.client.connection.timeouts", name));
        Assert.Equal(1L, timeout.Value);
    }

    private void AssertServer(object? address, object? port)
    {
        if (Db.IsPostgres)
        {
            var url = Url.Parse(DatabaseUrl);
            Assert.Equal(url.Host, address);
            Assert.Equal(url.Port ?? 5432, port);
        }
        else
        {
            Assert.Null(address);
            Assert.Null(port);
        }
    }
}

public sealed class SqliteTelemetryTests(DatabaseFixture<SqliteDatabase> fixture) : TelemetryTests<SqliteDatabase>(fixture);

public sealed class PostgresTelemetryTests(DatabaseFixture<PostgresDatabase> fixture) : TelemetryTests<PostgresDatabase>(fixture);

/// <summary>Keeps the spans of the <c>Framework</c> source that end while it lives and concern one database.</summary>
public sealed class SpanCollector : IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;

    public SpanCollector(string @namespace)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FrameworkDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                if (Equals(span.GetTagItem("db.namespace"), @namespace))
                    _spans.Enqueue(span);
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> All => [.. _spans];

    public IEnumerable<Activity> Where(string tag, object value) => _spans.Where(s => Equals(s.GetTagItem(tag), value));

    public void Dispose() => _listener.Dispose();
}

/// <summary>Keeps every measurement of the <c>Framework</c> meter taken while it lives, with its tags.</summary>
public sealed class MeasurementCollector : IDisposable
{
    private readonly ConcurrentQueue<(string Instrument, object Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly ConcurrentBag<Instrument> _instruments = [];

    public MeasurementCollector()
    {
        Listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name != FrameworkDiagnostics.MeterName)
                    return;
                _instruments.Add(instrument);
                listener.EnableMeasurementEvents(instrument);
            },
        };
        Listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        Listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        Listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        Listener.Start();
    }

    public MeterListener Listener { get; }

    public IReadOnlyCollection<Instrument> Instruments => _instruments;

    public IEnumerable<(object Value, Dictionary<string, object?> Tags)> Of(string instrument) =>
        _measurements.Where(m => m.Instrument == instrument).Select(m => (m.Value, m.Tags));

    public IEnumerable<(object Value, Dictionary<string, object?> Tags)> OfPool(string instrument, string pool) =>
        Of(instrument).Where(m => Equals(m.Tags.GetValueOrDefault("db.client.connection.pool.name"), pool));

    /// <summary>The last value an observable instrument reported for <paramref name="pool"/> (with <paramref name="tag"/>, when given).</summary>
    public object Last(string instrument, string pool, (string Key, string Value)? tag = null) =>
        OfPool(instrument, pool).Last(m => tag is not { } t || Equals(m.Tags.GetValueOrDefault(t.Key), t.Value)).Value;

    public void Dispose() => Listener.Dispose();

    private void Add<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags) where T : notnull
    {
        var copy = new Dictionary<string, object?>();
        foreach (var (key, tagValue) in tags)
            copy[key] = tagValue;
        _measurements.Enqueue((instrument.Name, value, copy));
    }
}
