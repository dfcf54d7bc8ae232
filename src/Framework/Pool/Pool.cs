using System.Data;
using System.Data.Common;
using Framework.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Framework;

/// <summary>
/// A pool of open driver connections, owned by an engine. Driver-level pooling is off, so checkout, checkin,
/// reset, recycling, pre-ping and invalidation behave the same on every database.
/// </summary>
/// <remarks>
/// Handlers of <c>Connect</c> and <c>Checkout</c> may throw: the connection is then discarded and the checkout
/// fails with their exception. Handlers of <c>Checkin</c>, <c>Reset</c>, <c>Invalidate</c> and <c>Close</c> run
/// while a connection is being returned or thrown away, where an exception could only hide the original error or
/// leak the connection: Framework logs what they throw (event 1105) and finishes the cleanup.
/// </remarks>
public abstract class Pool : IDisposable, IAsyncDisposable
{
    private readonly IConnector _connector;
    private readonly PoolEvents _events;
    private readonly PoolEvents _globalEvents;
    private readonly ILogger _logger;
    private readonly LogLevel _echoLevel;
    private readonly long _recycleMs;
    private readonly bool _prePing;
    private readonly IPoolMeter _meter;
    private long _invalidatedAt = long.MinValue;

    private protected Pool(IConnector connector, PoolSettings settings)
    {
        _connector = connector;
        _events = settings.Events;
        _globalEvents = settings.GlobalEvents;
        _logger = settings.Logger;
        _echoLevel = settings.Echo ? LogLevel.Information : LogLevel.Debug;
        _recycleMs = settings.Recycle is { } recycle ? (long)recycle.TotalMilliseconds : 0;
        _prePing = settings.PrePing;
        Name = settings.Name;
        _meter = settings.Meter;
        _meter.Attach(this);
    }

    /// <summary>The engine's name, used in logs and metrics.</summary>
    public string Name { get; }

    /// <summary>The pool's counters now.</summary>
    public abstract PoolStatus Status { get; }

    /// <summary>How many connections it may have open at once; null when there is no limit.</summary>
    internal virtual int? MaxConnections => null;

    internal abstract ValueTask<ConnectionRecord> Checkout(bool async, CancellationToken cancellationToken);

    /// <summary>Takes a connection back: raises Checkin, resets it, then keeps it or closes it; one that cannot be reset is discarded.</summary>
    internal async ValueTask Checkin(ConnectionRecord record, bool async)
    {
        Log.PoolCheckin(_logger, _echoLevel, Name);
        _meter.Record(PoolTiming.Use, record.CheckedOutAt, Name);
        RaiseQuietly(PoolEventKind.Checkin, record.DbConnection, null);
        if (await Reset(record, async).ConfigureAwait(false))
            Return(record);
        else
            Discard(record);
    }

    /// <summary>Keeps a returned, reset connection (idle, or handed to a waiter) or closes it.</summary>
    private protected abstract void Return(ConnectionRecord record);

    /// <summary>Discards a broken connection. With <paramref name="allOlder"/>, idle connections opened before now are replaced at their next checkout.</summary>
    internal void Invalidate(ConnectionRecord record, Exception? exception, bool allOlder)
    {
        if (allOlder)
            Interlocked.Exchange(ref _invalidatedAt, Environment.TickCount64);
        _meter.Record(PoolTiming.Use, record.CheckedOutAt, Name);
        RaiseInvalidate(record, exception, exception?.Message ?? "invalidated on request");
        Discard(record);
    }

    /// <summary>Replaces every connection opened before now at its next checkout, as their driver's view of the database is out of date.</summary>
    internal void ExpireOlder() => Interlocked.Exchange(ref _invalidatedAt, Environment.TickCount64);

    /// <summary>Closes idle connections; connections checked out now are closed when they are returned.</summary>
    public void Dispose()
    {
        Shutdown();
        _meter.Detach(this);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes idle connections; connections checked out now are closed when they are returned.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    private protected abstract void Shutdown();

    /// <summary>A slot held by a discarded connection is free again.</summary>
    private protected abstract void Released();

    private protected async ValueTask<ConnectionRecord> Open(bool async, CancellationToken cancellationToken)
    {
        var started = _meter.Start(PoolTiming.Create);
        var connection = await _connector.Open(async, cancellationToken).ConfigureAwait(false);
        _meter.Record(PoolTiming.Create, started, Name);
        var record = new ConnectionRecord(connection, Environment.TickCount64);
        Log.PoolConnect(_logger, _echoLevel, Name);
        try
        {
            Raise(PoolEventKind.Connect, connection, null);
        }
        catch
        {
            CloseRecord(record);
            throw;
        }
        return record;
    }

    /// <summary>
    /// Makes an idle connection ready to lend: replaces it when it is older than the recycle time or than the last
    /// disconnect, or when pre-ping finds it dead. Returns the connection to lend (the same one, or its replacement).
    /// Whatever happens, <paramref name="record"/> is either returned or closed.
    /// </summary>
    private protected async ValueTask<ConnectionRecord> Revive(ConnectionRecord record, bool async, CancellationToken cancellationToken)
    {
        var stale = record.CreatedAt <= Volatile.Read(ref _invalidatedAt)
            || (_recycleMs > 0 && Environment.TickCount64 - record.CreatedAt >= _recycleMs);
        if (!stale && _prePing)
        {
            bool alive;
            try
            {
                alive = await _connector.Ping(record.DbConnection, async, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                CloseRecord(record);
                throw;
            }
            if (!alive)
            {
                RaiseInvalidate(record, null, "pre-ping found the connection dead");
                stale = true;
            }
        }
        if (!stale)
            return record;
        CloseRecord(record);
        return await Open(async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rolls back whatever a returned connection left open. False when that failed and the connection must go.</summary>
    private protected async ValueTask<bool> Reset(ConnectionRecord record, bool async)
    {
        try
        {
            if (record.Transaction is { } transaction)
            {
                record.Transaction = null;
                if (async)
                    await transaction.RollbackAsync().ConfigureAwait(false);
                else
                    transaction.Rollback();
                await Disposal.Dispose(transaction, async).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException)
        {
            RaiseInvalidate(record, e, e.Message);
            return false;
        }
        RaiseQuietly(PoolEventKind.Reset, record.DbConnection, null);
        return record.DbConnection.State == ConnectionState.Open;
    }

    /// <summary>Closes a connection and frees its slot.</summary>
    private protected void Discard(ConnectionRecord record)
    {
        CloseRecord(record);
        Released();
    }

    /// <summary>Closes a connection; the caller accounts for its slot.</summary>
    private protected void CloseRecord(ConnectionRecord record)
    {
        try
        {
            // Closing is local work for a broken connection and one short message for a live one; a failure
            // here must not hide the reason the connection is being closed.
            record.DbConnection.Dispose();
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException)
        {
            Log.PoolCloseFailed(_logger, Name, e);
        }
        // Closing ended whatever transaction the connection had, and with it the claim to write.
        record.ReleaseWriteLock();
        RaiseQuietly(PoolEventKind.Close, record.DbConnection, null);
    }

    /// <summary>
    /// Raises Checkout; when a handler throws, the connection is closed and its slot freed before the exception goes on.
    /// <paramref name="waitStarted"/> is when the checkout began, from <see cref="StartWait"/>.
    /// </summary>
    private protected void LendOrDiscard(ConnectionRecord record, long waitStarted)
    {
        Log.PoolCheckout(_logger, _echoLevel, Name);
        try
        {
            Raise(PoolEventKind.Checkout, record.DbConnection, null);
        }
        catch
        {
            Discard(record);
            throw;
        }
        _meter.Record(PoolTiming.Wait, waitStarted, Name);
        record.CheckedOutAt = _meter.Start(PoolTiming.Use);
    }

    /// <summary>When a checkout begins, for <see cref="LendOrDiscard"/> to time the wait (0 when nobody measures it).</summary>
    private protected long StartWait() => _meter.Start(PoolTiming.Wait);

    /// <summary>Tells the meter that a checkout gave up waiting.</summary>
    private protected void TimedOut() => _meter.TimedOut(Name);

    private void RaiseInvalidate(ConnectionRecord record, Exception? exception, string reason)
    {
        Log.PoolInvalidate(_logger, _echoLevel, Name, reason);
        RaiseQuietly(PoolEventKind.Invalidate, record.DbConnection, exception);
    }

    private void RaiseQuietly(PoolEventKind kind, DbConnection connection, Exception? exception)
    {
        try
        {
            Raise(kind, connection, exception);
        }
        catch (Exception e)
        {
            Log.PoolHandlerFailed(_logger, Name, kind.ToString(), e);
        }
    }

    private void Raise(PoolEventKind kind, DbConnection connection, Exception? exception)
    {
        if (!_events.Has(kind) && !_globalEvents.Has(kind))
            return;
        var args = new PoolEventArgs(connection, exception);
        _events.Raise(kind, args);
        _globalEvents.Raise(kind, args);
    }

    private protected ObjectDisposedException Disposed() =>
        new(GetType().Name, $"The engine '{Name}' has been disposed; its pool lends no more connections. Create a new engine, or keep the engine alive for the application's lifetime.");
}

/// <summary>What every pool is built with.</summary>
internal sealed record PoolSettings(string Name, PoolEvents Events, PoolEvents GlobalEvents, ILogger Logger, bool Echo,
    TimeSpan? Recycle, bool PrePing, IPoolMeter Meter);
