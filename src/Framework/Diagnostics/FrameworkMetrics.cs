using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace Framework.Diagnostics;

/// <summary>
/// The <c>Framework</c> meter, with OpenTelemetry's database client instruments: operation durations, and the
/// connections of every live pool (<c>db.client.connection.*</c>, tagged with the engine's name as the pool's).
/// </summary>
internal static class FrameworkMetrics
{
    private const string PoolName = "db.client.connection.pool.name";

    // Weak: an engine dropped without being disposed must not be kept alive (and measured) by its metrics.
    private static readonly ConditionalWeakTable<Pool, object?> Pools = new();
    private static readonly Meter Meter = new(FrameworkDiagnostics.MeterName, typeof(FrameworkMetrics).Assembly.GetName().Version?.ToString());

    // The boundaries the conventions give db.client.operation.duration; the pool's timings use them too, as the SDK's
    // default buckets are meant for milliseconds and would put every one of these in the first.
    private static readonly InstrumentAdvice<double> Seconds = new() { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10] };

    public static readonly Histogram<double> OperationDuration = Meter.CreateHistogram(
        "db.client.operation.duration", "s", "Duration of database client operations.", tags: null, Seconds);

    public static readonly Histogram<double> ConnectionWaitTime = Meter.CreateHistogram(
        "db.client.connection.wait_time", "s", "The time it took to obtain an open connection from the pool.", tags: null, Seconds);

    public static readonly Histogram<double> ConnectionUseTime = Meter.CreateHistogram(
        "db.client.connection.use_time", "s", "The time between borrowing a connection and returning it to the pool.", tags: null, Seconds);

    public static readonly Histogram<double> ConnectionCreateTime = Meter.CreateHistogram(
        "db.client.connection.create_time", "s", "The time it took to create a new connection.", tags: null, Seconds);

    public static readonly Counter<long> ConnectionTimeouts = Meter.CreateCounter<long>(
        "db.client.connection.timeouts", "{timeout}", "The number of connection timeouts that have occurred trying to obtain a connection from the pool.");

    static FrameworkMetrics()
    {
        Meter.CreateObservableUpDownCounter("db.client.connection.count", MeasureConnections,
            "{connection}", "The number of connections that are currently in state described by the state attribute.");
        Meter.CreateObservableUpDownCounter("db.client.connection.idle.max", () => Measure(static p => p.Status.Size),
            "{connection}", "The maximum number of idle open connections allowed.");
        Meter.CreateObservableUpDownCounter("db.client.connection.max", () => Measure(static p => p.MaxConnections),
            "{connection}", "The maximum number of open connections allowed.");
        Meter.CreateObservableUpDownCounter("db.client.connection.pending_requests", () => Measure(static p => p.Status.Waiting),
            "{request}", "The number of current pending requests for an open connection.");
    }

    public static void Register(Pool pool) => Pools.TryAdd(pool, null);

    public static void Unregister(Pool pool) => Pools.Remove(pool);

    /// <summary>Now, as a <see cref="Stopwatch"/> timestamp, if <paramref name="histogram"/> is listened to; else 0, without reading the clock.</summary>
    public static long Start(Histogram<double> histogram) => histogram.Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <summary>Records the time since <paramref name="started"/> (from <see cref="Start"/>) for the pool named <paramref name="pool"/>.</summary>
    public static void Record(Histogram<double> histogram, long started, string pool)
    {
        if (started != 0 && histogram.Enabled)
            histogram.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(PoolName, pool));
    }

    public static void PoolTimedOut(string pool) => ConnectionTimeouts.Add(1, new KeyValuePair<string, object?>(PoolName, pool));

    private static IEnumerable<Measurement<int>> MeasureConnections()
    {
        foreach (var (pool, _) in Pools)
        {
            var status = pool.Status;
            yield return new Measurement<int>(status.Idle, new(PoolName, pool.Name), new("db.client.connection.state", "idle"));
            yield return new Measurement<int>(status.CheckedOut, new(PoolName, pool.Name), new("db.client.connection.state", "used"));
        }
    }

    private static IEnumerable<Measurement<int>> Measure(Func<Pool, int?> read)
    {
        foreach (var (pool, _) in Pools)
        {
            if (read(pool) is { } value)
                yield return new Measurement<int>(value, new KeyValuePair<string, object?>(PoolName, pool.Name));
        }
    }
}
