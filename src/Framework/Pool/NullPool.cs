namespace Framework;

/// <summary>No pooling: every checkout opens a new connection and every checkin closes it.</summary>
public sealed class NullPool : Pool
{
    private int _checkedOut;
    private volatile bool _disposed;

    internal NullPool(IConnector connector, PoolSettings settings) : base(connector, settings)
    {
    }

    /// <inheritdoc />
    public override PoolStatus Status => new(0, 0, Volatile.Read(ref _checkedOut), 0, 0);

    internal override async ValueTask<ConnectionRecord> Checkout(bool async, CancellationToken cancellationToken)
    {
        if (_disposed)
            throw Disposed();
        var started = StartWait();
        var record = await Open(async, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _checkedOut);
        LendOrDiscard(record, started);
        return record;
    }

    private protected override void Return(ConnectionRecord record) => Discard(record);

    private protected override void Released() => Interlocked.Decrement(ref _checkedOut);

    private protected override void Shutdown() => _disposed = true;
}
