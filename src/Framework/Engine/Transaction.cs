namespace Framework;

/// <summary>
/// A transaction (or, when <see cref="IsNested"/>, a SAVEPOINT) on a <see cref="Connection"/>, synchronous face.
/// Disposing it while still active rolls it back.
/// </summary>
public sealed class Transaction : IDisposable
{
    private AsyncTransaction? _asyncFace;

    internal Transaction(Connection connection, string? savepoint)
    {
        Connection = connection;
        Savepoint = savepoint;
        IsActive = true;
    }

    /// <summary>The connection this transaction runs on.</summary>
    public Connection Connection { get; }

    /// <summary>Whether this transaction can still be committed or rolled back.</summary>
    public bool IsActive { get; private set; }

    /// <summary>Whether this is a SAVEPOINT inside an outer transaction.</summary>
    public bool IsNested => Savepoint is not null;

    internal string? Savepoint { get; }

    internal AsyncTransaction AsyncFace => _asyncFace ??= new AsyncTransaction(this);

    /// <summary>Commits (or, for a savepoint, releases) the transaction.</summary>
    public void Commit() => SyncPath.Run(Connection.End(this, commit: true, async: false, default));

    /// <summary>Rolls back the transaction (or to the savepoint).</summary>
    public void Rollback() => SyncPath.Run(Connection.End(this, commit: false, async: false, default));

    /// <summary>Rolls back the transaction if it is still active (or acknowledges it, if its connection was lost).</summary>
    public void Dispose()
    {
        if (NeedsRollback)
            Rollback();
    }

    /// <summary>
    /// Whether leaving this transaction's scope must roll it back: it is still active, or it is the connection's outer
    /// transaction that the connection lost, which a rollback acknowledges (as SQLAlchemy's context manager does).
    /// </summary>
    internal bool NeedsRollback => !Connection.IsClosed && (IsActive || (!IsNested && ReferenceEquals(Connection.GetTransaction(), this)));

    internal void Deactivate() => IsActive = false;
}
