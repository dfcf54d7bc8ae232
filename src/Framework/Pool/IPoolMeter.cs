namespace Framework;

/// <summary>
/// What measures a pool, told by the pool as things happen. The metrics implement it and the engine hands it over in
/// <see cref="PoolSettings"/>, so the pool knows no meter, instrument or engine. Calls come from the checkout fast path
/// too: an implementation must not allocate, block or throw.
/// </summary>
internal interface IPoolMeter
{
    /// <summary>The pool is open: its counters (<see cref="Pool.Status"/>) may be read until <see cref="Detach"/>.</summary>
    void Attach(Pool pool);

    /// <summary>The pool is disposed; stop reading it.</summary>
    void Detach(Pool pool);

    /// <summary>Now, as a <see cref="System.Diagnostics.Stopwatch"/> timestamp, if <paramref name="timing"/> is measured; else 0, without reading the clock.</summary>
    long Start(PoolTiming timing);

    /// <summary>Records the time since <paramref name="started"/> (from <see cref="Start"/>; 0 means not measured) for the pool named <paramref name="pool"/>.</summary>
    void Record(PoolTiming timing, long started, string pool);

    /// <summary>A checkout of the pool named <paramref name="pool"/> gave up waiting.</summary>
    void TimedOut(string pool);
}
