namespace Framework;

/// <summary>
/// A transaction (or SAVEPOINT) on an <see cref="AsyncConnection"/>. <c>await using</c> it: disposing it while still
/// active rolls it back.
/// </summary>
public sealed class AsyncTransaction : IAsyncDisposable
{
    internal AsyncTransaction(Transaction transaction) => SyncTransaction = transaction;

    /// <summary>The synchronous face of this transaction.</summary>
    public Transaction SyncTransaction { get; }

    /// <summary>Whether this transaction can still be committed or rolled back.</summary>
    public bool IsActive => SyncTransaction.IsActive;

    /// <summary>Whether this is a SAVEPOINT inside an outer transaction.</summary>
    public bool IsNested => SyncTransaction.IsNested;

    /// <summary>Commits (or, for a savepoint, releases) the transaction.</summary>
    public ValueTask CommitAsync(CancellationToken cancellationToken = default) =>
        SyncTransaction.Connection.End(SyncTransaction, commit: true, async: true, cancellationToken);

    /// <summary>Rolls back the transaction (or to the savepoint).</summary>
    public ValueTask RollbackAsync(CancellationToken cancellationToken = default) =>
        SyncTransaction.Connection.End(SyncTransaction, commit: false, async: true, cancellationToken);

    /// <summary>Rolls back the transaction if it is still active (or acknowledges it, if its connection was lost).</summary>
    public ValueTask DisposeAsync() => SyncTransaction.NeedsRollback ? RollbackAsync() : default;
}
