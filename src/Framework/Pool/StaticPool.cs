namespace Framework;

/// <summary>
/// One connection, kept for the engine's life and lent to one holder at a time: the default for SQLite
/// <c>:memory:</c>, whose data lives only as long as its connection. A second concurrent checkout waits for the
/// first to come back, up to <c>PoolTimeout</c>.
/// </summary>
public sealed class StaticPool : QueuePool
{
    internal StaticPool(IConnector connector, PoolSettings settings, TimeSpan timeout)
        : base(connector, settings with { Recycle = null }, size: 1, maxOverflow: 0, timeout, lifo: false)
    {
    }
}
