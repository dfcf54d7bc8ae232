namespace Framework.Orm;

/// <summary>
/// A session's transaction begun explicitly (<c>session.Begin()</c>), or a SAVEPOINT (<c>session.BeginNested()</c>),
/// synchronous face. Disposing it while still active rolls it back.
/// </summary>
public sealed class SessionTransaction : IDisposable
{
    private readonly SessionCore _core;
    private AsyncSessionTransaction? _asyncFace;

    internal SessionTransaction(SessionCore core, bool nested)
    {
        _core = core;
        IsNested = nested;
    }

    /// <summary>Whether this is a SAVEPOINT inside the session's transaction.</summary>
    public bool IsNested { get; }

    /// <summary>Whether it can still be committed or rolled back.</summary>
    public bool IsActive => _core.IsActive(this);

    internal AsyncSessionTransaction AsyncFace => _asyncFace ??= new AsyncSessionTransaction(this);

    /// <summary>Flushes, then commits the transaction (or releases the savepoint).</summary>
    public void Commit() => SyncPath.Run(End(commit: true, async: false, default));

    /// <summary>Rolls back the transaction (or to the savepoint, undoing only what happened inside it).</summary>
    public void Rollback() => SyncPath.Run(End(commit: false, async: false, default));

    internal ValueTask End(bool commit, bool async, CancellationToken cancellationToken) => _core.End(this, commit, async, cancellationToken);

    /// <summary>Rolls back if still active.</summary>
    public void Dispose()
    {
        if (IsActive)
            Rollback();
    }
}
