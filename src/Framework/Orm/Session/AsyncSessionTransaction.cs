namespace Framework.Orm;

/// <summary>
/// A session's transaction begun explicitly (<c>await session.BeginAsync()</c>), or a SAVEPOINT
/// (<c>await session.BeginNestedAsync()</c>). <c>await using</c> it: disposing it while still active rolls it back.
/// </summary>
public sealed class AsyncSessionTransaction : IAsyncDisposable
{
    internal AsyncSessionTransaction(SessionTransaction transaction) => SyncTransaction = transaction;

    /// <summary>The synchronous face.</summary>
    public SessionTransaction SyncTransaction { get; }

    /// <summary>Whether this is a SAVEPOINT inside the session's transaction.</summary>
    public bool IsNested => SyncTransaction.IsNested;

    /// <summary>Whether it can still be committed or rolled back.</summary>
    public bool IsActive => SyncTransaction.IsActive;

    /// <summary>Flushes, then commits the transaction (or releases the savepoint).</summary>
    public ValueTask CommitAsync(CancellationToken cancellationToken = default) => SyncTransaction.End(commit: true, async: true, cancellationToken);

    /// <summary>Rolls back the transaction (or to the savepoint, undoing only what happened inside it).</summary>
    public ValueTask RollbackAsync() => SyncTransaction.End(commit: false, async: true, CancellationToken.None);

    /// <summary>Rolls back if still active.</summary>
    public ValueTask DisposeAsync() => IsActive ? RollbackAsync() : default;
}
