using System.Diagnostics.Metrics;

namespace Framework.Diagnostics;

/// <summary>Measures pools with the <c>Framework</c> meter's connection instruments; the engine gives it to every pool it makes.</summary>
internal sealed class PoolMetrics : IPoolMeter
{
    public static readonly PoolMetrics Instance = new();

    private PoolMetrics()
    {
    }

    public void Attach(Pool pool) => FrameworkMetrics.Register(pool);

    public void Detach(Pool pool) => FrameworkMetrics.Unregister(pool);

    public long Start(PoolTiming timing) => FrameworkMetrics.Start(Histogram(timing));

    public void Record(PoolTiming timing, long started, string pool) => FrameworkMetrics.Record(Histogram(timing), started, pool);

    public void TimedOut(string pool) => FrameworkMetrics.PoolTimedOut(pool);

    private static Histogram<double> Histogram(PoolTiming timing) => timing switch
    {
        PoolTiming.Wait => FrameworkMetrics.ConnectionWaitTime,
        PoolTiming.Use => FrameworkMetrics.ConnectionUseTime,
        _ => FrameworkMetrics.ConnectionCreateTime,
    };
}
