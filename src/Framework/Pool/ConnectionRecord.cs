using System.Data.Common;

namespace Framework;

/// <summary>One driver connection owned by a pool, with what the pool needs to know about it.</summary>
internal sealed class ConnectionRecord(DbConnection dbConnection, long createdAt)
{
    private DbTransaction? _transaction;
    private SemaphoreSlim? _writeLock;

    public DbConnection DbConnection { get; } = dbConnection;

    /// <summary>When it was opened (<see cref="Environment.TickCount64"/>), for recycling.</summary>
    public long CreatedAt { get; } = createdAt;

    /// <summary>
    /// The driver transaction open on it, if any; the pool rolls it back on return. Clearing it (the transaction ended or
    /// was given up) also frees the <see cref="WriteLock"/> taken for it, so no path that ends a transaction can forget to.
    /// </summary>
    public DbTransaction? Transaction
    {
        get => _transaction;
        set
        {
            _transaction = value;
            if (value is null)
                ReleaseWriteLock();
        }
    }

    /// <summary>When it was lent out, as a <see cref="System.Diagnostics.Stopwatch"/> timestamp; 0 when nobody measures how long connections are used.</summary>
    public long CheckedOutAt { get; set; }

    /// <summary>The isolation level the database gives a plain BEGIN on this connection; null until a transaction asks.</summary>
    public System.Data.IsolationLevel? DefaultIsolationLevel { get; set; }

    /// <summary>
    /// The engine's in-process write lock, held from the driver's BEGIN until the transaction ends or the connection closes
    /// (SQLite: one writer at a time, queued in the process instead of polling the file lock).
    /// </summary>
    public SemaphoreSlim? WriteLock
    {
        get => Volatile.Read(ref _writeLock);
        set => Volatile.Write(ref _writeLock, value);
    }

    /// <summary>Frees the write lock, once, if this connection holds it.</summary>
    public void ReleaseWriteLock() => Interlocked.Exchange(ref _writeLock, null)?.Release();
}
