namespace Framework;

/// <summary>The spans of a connection's life that a pool times for its <see cref="IPoolMeter"/>.</summary>
internal enum PoolTiming
{
    /// <summary>From asking for a connection to getting one.</summary>
    Wait,

    /// <summary>From lending a connection to taking it back.</summary>
    Use,

    /// <summary>Opening a new physical connection.</summary>
    Create,
}
