namespace Framework;

/// <summary>A snapshot of a pool's counters.</summary>
/// <param name="Size">The configured pool size (connections kept open when idle).</param>
/// <param name="Idle">Connections open and waiting in the pool.</param>
/// <param name="CheckedOut">Connections lent out now.</param>
/// <param name="Overflow">Connections open beyond <paramref name="Size"/>.</param>
/// <param name="Waiting">Checkouts waiting for a connection to come back.</param>
public readonly record struct PoolStatus(int Size, int Idle, int CheckedOut, int Overflow, int Waiting)
{
    /// <summary>Connections open now, idle or lent out.</summary>
    public int Open => Idle + CheckedOut;

    /// <inheritdoc />
    public override string ToString() =>
        $"Pool size: {Size}  Connections in pool: {Idle}  Current overflow: {Overflow}  Current checked out connections: {CheckedOut}";
}
