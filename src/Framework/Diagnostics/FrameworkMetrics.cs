using System.Runtime.CompilerServices;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Framework.Diagnostics;

/// <summary>The <c>Framework</c> meter: pool gauges read from every live pool, and statement durations.</summary>
internal static class FrameworkMetrics
{
    public const string Name = "Framework";

    // Weak: an engine dropped without being disposed must not be kept alive (and measured) by its metrics.
    private static readonly ConditionalWeakTable<Pool, object?> Pools = new();
    private static readonly Meter Meter = new(Name, typeof(FrameworkMetrics).Assembly.GetName().Version?.ToString());

    public static readonly Histogram<double> StatementDuration = Meter.CreateHistogram<double>(
        "framework.statement.duration", unit: "s", description: "How long each statement took, from send to the last row buffered.");

    static FrameworkMetrics()
    {
        Meter.CreateObservableUpDownCounter("framework.pool.connections.in_use", () => Measure(static s => s.CheckedOut),
            unit: "{connection}", description: "Connections checked out of the pool.");
        Meter.CreateObservableUpDownCounter("framework.pool.connections.idle", () => Measure(static s => s.Idle),
            unit: "{connection}", description: "Connections open and idle in the pool.");
        Meter.CreateObservableUpDownCounter("framework.pool.pending_requests", () => Measure(static s => s.Waiting),
            unit: "{request}", description: "Checkouts waiting for a connection.");
    }

    public static void Register(Pool pool) => Pools.TryAdd(pool, null);

    public static void Unregister(Pool pool) => Pools.Remove(pool);

    private static IEnumerable<Measurement<int>> Measure(Func<PoolStatus, int> read)
    {
        foreach (var (pool, _) in Pools)
            yield return new Measurement<int>(read(pool.Status), new KeyValuePair<string, object?>("pool.name", pool.Name));
    }

    public static void RecordStatement(long startTimestamp, string engine)
    {
        if (StatementDuration.Enabled)
            StatementDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new KeyValuePair<string, object?>("db.client.connection.pool.name", engine));
    }
}
