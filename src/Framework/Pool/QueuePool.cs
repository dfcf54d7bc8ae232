using System.Globalization;

namespace Framework;

/// <summary>
/// A bounded pool: keeps up to <c>PoolSize</c> idle connections, opens up to <c>MaxOverflow</c> more under load,
/// and makes further checkouts wait up to <c>PoolTimeout</c> for a connection to come back. A checkout that finds
/// an idle connection takes one uncontended lock and allocates nothing.
/// </summary>
public class QueuePool : Pool
{
    private readonly object _sync = new();
    private readonly ConnectionRecord?[] _idle;
    private readonly LinkedList<TaskCompletionSource<ConnectionRecord?>> _waiters = new();
    private readonly int _size;
    private readonly int _maxOverflow;
    private readonly TimeSpan _timeout;
    private readonly bool _lifo;
    private int _idleHead;
    private int _idleCount;
    private int _open;
    private int _checkedOut;
    private bool _disposed;

    internal QueuePool(IConnector connector, PoolSettings settings, int size, int maxOverflow, TimeSpan timeout, bool lifo)
        : base(connector, settings)
    {
        _size = size;
        _maxOverflow = maxOverflow;
        _timeout = timeout;
        _lifo = lifo;
        _idle = new ConnectionRecord?[size];
    }

    /// <inheritdoc />
    public override PoolStatus Status
    {
        get
        {
            lock (_sync)
                return new PoolStatus(_size, _idleCount, _checkedOut, Math.Max(0, _open - _size), _waiters.Count);
        }
    }

    /// <inheritdoc />
    internal override int? MaxConnections => _maxOverflow < 0 ? null : _size + _maxOverflow;

    internal override async ValueTask<ConnectionRecord> Checkout(bool async, CancellationToken cancellationToken)
    {
        var started = StartWait();
        ConnectionRecord? idle = null;
        LinkedListNode<TaskCompletionSource<ConnectionRecord?>>? waiter = null;
        lock (_sync)
        {
            if (_disposed)
                throw Disposed();
            if (_idleCount > 0)
            {
                idle = TakeIdle();
                _checkedOut++;
            }
            else if (_maxOverflow < 0 || _open < _size + _maxOverflow)
            {
                _open++;
                _checkedOut++;
            }
            else
            {
                waiter = _waiters.AddLast(new TaskCompletionSource<ConnectionRecord?>(TaskCreationOptions.RunContinuationsAsynchronously));
            }
        }

        // Past the lock a slot is ours: an idle connection, or room to open one (granted now or by a waiter's wake-up).
        if (waiter is not null)
            idle = await Wait(waiter, async, cancellationToken).ConfigureAwait(false);
        ConnectionRecord record;
        try
        {
            record = idle is null
                ? await Open(async, cancellationToken).ConfigureAwait(false)
                : await Revive(idle, async, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Opening failed: give the slot back so the pool does not shrink.
            Released();
            throw;
        }
        LendOrDiscard(record, started);
        return record;
    }

    private protected override void Return(ConnectionRecord record)
    {
        bool close;
        lock (_sync)
        {
            _checkedOut--;
            if (!_disposed && HandOver(record))
                return;
            close = _disposed || _idleCount == _idle.Length;
            if (close)
                _open--;
            else
                PutIdle(record);
        }
        if (close)
            CloseRecord(record);
    }

    private protected override void Released()
    {
        lock (_sync)
        {
            _checkedOut--;
            // The freed slot goes to the longest waiter, who opens a new connection in it; HandOver counts it lent.
            if (_disposed || !HandOver(null))
                _open--;
        }
    }

    private protected override void Shutdown()
    {
        var idle = new List<ConnectionRecord>();
        lock (_sync)
        {
            if (_disposed)
                return;
            _disposed = true;
            while (_idleCount > 0)
                idle.Add(TakeIdle());
            _open -= idle.Count;
            foreach (var waiter in _waiters)
                waiter.TrySetException(Disposed());
            _waiters.Clear();
        }
        foreach (var record in idle)
            CloseRecord(record);
    }

    /// <summary>Gives a returned connection (or, when null, a free slot) to the longest waiter still waiting. Call under the lock.</summary>
    private bool HandOver(ConnectionRecord? record)
    {
        while (_waiters.First is { } first)
        {
            _waiters.RemoveFirst();
            if (first.Value.TrySetResult(record))
            {
                _checkedOut++;
                return true;
            }
        }
        return false;
    }

    private async ValueTask<ConnectionRecord?> Wait(LinkedListNode<TaskCompletionSource<ConnectionRecord?>> node, bool async,
        CancellationToken cancellationToken)
    {
        var waiter = node.Value;
        try
        {
            if (async)
                return await waiter.Task.WaitAsync(_timeout, cancellationToken).ConfigureAwait(false);
            bool signalled;
            try
            {
                signalled = waiter.Task.Wait(_timeout, cancellationToken);
            }
            catch (AggregateException)
            {
                signalled = true;   // faulted (the engine was disposed): awaiting below throws the real exception
            }
            if (signalled)
                return await waiter.Task.ConfigureAwait(false);
            throw new TimeoutException();
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // A connection may have been handed over just as the wait ended: then it is ours after all.
            if (!waiter.TrySetCanceled(cancellationToken))
                return await waiter.Task.ConfigureAwait(false);
            lock (_sync)
            {
                if (node.List is not null)
                    _waiters.Remove(node);
            }
            if (e is OperationCanceledException)
                throw;
            throw Exhausted();
        }
    }

    private PoolTimeoutException Exhausted()
    {
        TimedOut();
        var overflow = _maxOverflow < 0 ? "unlimited" : _maxOverflow.ToString(CultureInfo.InvariantCulture);
        var timeout = _timeout.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture);
        return new PoolTimeoutException(
            $"QueuePool limit of size {_size} overflow {overflow} reached, connection timed out, timeout {timeout} s. " +
            $"All {Status.CheckedOut} connections of engine '{Name}' are checked out and none came back in time. Make sure every connection and session " +
            "is disposed when done (await using), keep transactions short, or raise PoolSize, MaxOverflow or PoolTimeout. (FWK1001)");
    }

    private ConnectionRecord TakeIdle()
    {
        int index;
        if (_lifo)
        {
            index = (_idleHead + _idleCount - 1) % _idle.Length;
        }
        else
        {
            index = _idleHead;
            _idleHead = (_idleHead + 1) % _idle.Length;
        }
        _idleCount--;
        var record = _idle[index]!;
        _idle[index] = null;
        return record;
    }

    private void PutIdle(ConnectionRecord record)
    {
        _idle[(_idleHead + _idleCount) % _idle.Length] = record;
        _idleCount++;
    }
}
