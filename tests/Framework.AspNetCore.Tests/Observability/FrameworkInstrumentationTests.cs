using System.Diagnostics;
using Framework.Sql;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using static Framework.Sql.Expressions;

namespace Framework.AspNetCore.Tests.Observability;

/// <summary>
/// AddFrameworkInstrumentation with the OpenTelemetry SDK and its in-memory exporter. The SDK's listeners see every
/// test running meanwhile, so each test keeps what its own request (trace) or table reported.
/// </summary>
public abstract class FrameworkInstrumentationTests<TDatabase> : IAsyncLifetime where TDatabase : ObservedDatabase, new()
{
    private readonly TDatabase _database = new();
    private readonly string _table = $"otel_{Guid.NewGuid():N}"[..20];
    private AsyncEngine _engine = null!;

    public async Task InitializeAsync()
    {
        _engine = Engines.CreateAsyncEngine(await _database.UrlAsync(), new() { Name = $"otel-{Guid.NewGuid():N}" });
        await _engine.BeginAsync(async conn => await conn.ExecuteAsync(Text($"CREATE TABLE {_table} (id INTEGER PRIMARY KEY, name VARCHAR(50))")));
    }

    public async Task DisposeAsync()
    {
        await _engine.BeginAsync(async conn => await conn.ExecuteAsync(Text($"DROP TABLE {_table}")));
        await _engine.DisposeAsync();
    }

    [Fact]
    public async Task The_request_span_is_the_parent_of_its_statements_and_of_the_commit()
    {
        var exported = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource("Microsoft.AspNetCore")
            .AddFrameworkInstrumentation()
            .AddInMemoryExporter(exported)
            .Build();
        var table = new Table(_table, new MetaData(), new Column<int>("id", primaryKey: true), new Column<string>("name"));
        await using var app = await TestApp.StartAsync(services => services.AddSingleton(_engine), app =>
            app.MapPost("/items/{id:int}", async (int id, AsyncEngine engine) =>
            {
                await engine.BeginAsync(async conn =>
                {
                    await conn.ExecuteAsync(table.Insert(), new { id, name = "item" });
                    await conn.ExecuteAsync(Select(table).Where(table.C["id"] == id));
                });
                return Results.NoContent();
            }));

        using var response = await app.Client.PostAsync("/items/7", null);
        response.EnsureSuccessStatusCode();

        var spans = await Exported(exported, tracing, all => all.Any(r => r.Source.Name == "Microsoft.AspNetCore"
            && all.Any(s => s.ParentSpanId == r.SpanId && Equals(s.GetTagItem("db.collection.name"), _table))));
        // The request's span is the hosting's (ASP.NET Core tags it only with OpenTelemetry's ASP.NET Core instrumentation).
        var insert = Assert.Single(spans, s => Equals(s.GetTagItem("db.collection.name"), _table) && s.DisplayName.StartsWith("INSERT", StringComparison.Ordinal));
        var request = Assert.Single(spans, s => s.SpanId == insert.ParentSpanId);
        Assert.Equal(("Microsoft.AspNetCore", ActivityKind.Server), (request.Source.Name, request.Kind));
        var children = spans.Where(s => s.TraceId == request.TraceId && s.Source.Name == "Framework").ToList();
        Assert.Equal([$"INSERT {_table}", $"SELECT {_table}", "COMMIT"], children.OrderBy(s => s.StartTimeUtc).Select(s => s.DisplayName));
        Assert.All(children, span =>
        {
            Assert.Equal(request.SpanId, span.ParentSpanId);
            Assert.Equal(ActivityKind.Client, span.Kind);
            Assert.NotNull(span.GetTagItem("db.system.name"));
        });
    }

    [Fact]
    public async Task The_request_span_carries_the_number_of_statements_its_sessions_ran_and_their_time()
    {
        var exported = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource("Microsoft.AspNetCore")
            .AddInMemoryExporter(exported)
            .Build();
        var url = _engine.Url.Render(hidePassword: false);
        await using var app = await TestApp.StartAsync(services => services.AddAsyncEngine(url), app =>
            app.MapGet("/three/{mark}", async (string mark, Orm.AsyncSession session) =>
            {
                Activity.Current?.SetTag("test.mark", mark);
                for (var i = 0; i < 3; i++)
                    await session.ScalarAsync(Text($"SELECT count(*) FROM {_table}"));
                return mark;
            }));
        var mark = Guid.NewGuid().ToString("N");

        using var response = await app.Client.GetAsync($"/three/{mark}");
        response.EnsureSuccessStatusCode();

        var spans = await Exported(exported, tracing, all => all.Any(s => Equals(s.GetTagItem("test.mark"), mark)));
        // Other tests' hosts run in this process too: the request is the one the endpoint marked.
        var request = Assert.Single(spans, s => s.Source.Name == "Microsoft.AspNetCore" && Equals(s.GetTagItem("test.mark"), mark));
        Assert.Equal(3, request.GetTagItem("framework.db.statement_count"));
        Assert.True(request.GetTagItem("framework.db.duration") is double seconds && seconds > 0);
    }

    [Fact]
    public async Task The_operation_duration_is_exported_with_the_conventions_bucket_boundaries_and_the_pool_with_its_connections()
    {
        var exported = new List<Metric>();
        using var metrics = Sdk.CreateMeterProviderBuilder()
            .AddFrameworkInstrumentation()
            .AddInMemoryExporter(exported)
            .Build();

        await using (var conn = await _engine.ConnectAsync())
            await conn.ExecuteAsync(Select(new Table(_table, new MetaData(), new Column<int>("id", primaryKey: true))));
        metrics.ForceFlush();

        var duration = Assert.Single(exported, m => m.Name == "db.client.operation.duration");
        Assert.Equal("s", duration.Unit);
        var point = Assert.Single(Points(duration), p => Tags(p).GetValueOrDefault("db.collection.name") is string name && name == _table);
        Assert.Equal("SELECT", Tags(point)["db.operation.name"]);
        Assert.Equal(1, point.GetHistogramCount());
        var bounds = new List<double>();
        foreach (var bucket in point.GetHistogramBuckets())
            bounds.Add(bucket.ExplicitBound);
        Assert.Equal([0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, double.PositiveInfinity], bounds);

        var connections = Assert.Single(exported, m => m.Name == "db.client.connection.count");
        var idle = Assert.Single(Points(connections), p => Equals(Tags(p).GetValueOrDefault("db.client.connection.pool.name"), _engine.SyncEngine.Name)
            && Equals(Tags(p).GetValueOrDefault("db.client.connection.state"), "idle"));
        Assert.Equal(1, idle.GetSumLong());
    }

    // The test server hands the client its response before the hosting ends the request's span (once the response is
    // complete), so on a busy machine the span is exported a moment after the call returns: wait for it, up to 10 s.
    private static async Task<Activity[]> Exported(List<Activity> exported, TracerProvider tracing, Func<Activity[], bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            tracing.ForceFlush();
            Activity[] spans;
            lock (exported)
                spans = [.. exported];
            if (done(spans) || DateTime.UtcNow > deadline)
                return spans;
            await Task.Delay(20);
        }
    }

    private static List<MetricPoint> Points(Metric metric)
    {
        var points = new List<MetricPoint>();
        foreach (ref readonly var point in metric.GetMetricPoints())
            points.Add(point);
        return points;
    }

    private static Dictionary<string, object?> Tags(MetricPoint point)
    {
        var tags = new Dictionary<string, object?>();
        foreach (var tag in point.Tags)
            tags[tag.Key] = tag.Value;
        return tags;
    }
}

public sealed class SqliteFrameworkInstrumentationTests : FrameworkInstrumentationTests<SqliteObservedDatabase>;

public sealed class PostgresFrameworkInstrumentationTests : FrameworkInstrumentationTests<PostgresObservedDatabase>;
