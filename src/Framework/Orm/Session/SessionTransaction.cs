namespace Framework.Orm;

/// <summary>
/// A session's transaction begun explicitly (<c>session.Begin()</c>), or a SAVEPOINT (<c>session.BeginNested()</c>),
/// synchronous face. Disposing it while still active rolls it back.
/// </summary>
/// <remarks>
/// It is the state machine of the transaction: <see cref="MoveTo"/> is the one place its state changes, and a change
/// asked for while a commit of it is under way throws <see cref="IllegalStateChangeException"/> instead of ending the
/// transaction under the commit.
/// </remarks>
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
    public bool IsActive => State is SessionTransactionState.Active or SessionTransactionState.Committing;

    internal SessionTransactionState State { get; private set; }

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

    /// <summary>
    /// Refuses <paramref name="operation"/>, which would move the transaction to <paramref name="to"/>, while a commit of
    /// it is under way (an event handler inside the commit called it).
    /// </summary>
    internal void ThrowIfChanging(string operation, SessionTransactionState to)
    {
        if (State == SessionTransactionState.Committing)
            throw Illegal(operation, to);
    }

    /// <summary>Moves to <paramref name="to"/>; a move the table does not allow throws.</summary>
    internal void MoveTo(SessionTransactionState to, string operation)
    {
        if (!Allowed(State, to))
            throw Illegal(operation, to);
        State = to;
    }

    /// <summary>Ends the transaction as <paramref name="to"/> says, unless it has already ended.</summary>
    internal void Ended(SessionTransactionState to, string operation)
    {
        if (IsActive)
            MoveTo(to, operation);
    }

    private static bool Allowed(SessionTransactionState from, SessionTransactionState to) => (from, to) switch
    {
        (SessionTransactionState.Active, SessionTransactionState.Committing or SessionTransactionState.RolledBack or SessionTransactionState.Closed) => true,
        // A commit that fails leaves the transaction to be rolled back (Active), or rolls it back itself.
        (SessionTransactionState.Committing, not SessionTransactionState.Committing) => true,
        _ => false,
    };

    private IllegalStateChangeException Illegal(string operation, SessionTransactionState to) => new(
        $"{Describe(operation)} can't be called here: this session {(IsNested ? "SAVEPOINT" : "transaction")} is {Describe(State)}, and " +
        $"{Describe(operation)} would move it to {to} under that. " +
        (State == SessionTransactionState.Committing
            ? "An event handler that runs inside a commit (BeforeCommit, BeforeFlush, AfterFlush) may add, change and flush, but not commit, " +
              "roll back or close the session; do that after the commit returns, or in AfterCommit."
            : "Begin a new transaction."));

    private static string Describe(string operation) => $"{operation.Replace("Async", "", StringComparison.Ordinal)}()";

    private static string Describe(SessionTransactionState state) => state switch
    {
        SessionTransactionState.Committing => "committing (a Commit() of it is in progress)",
        SessionTransactionState.RolledBack => "rolled back",
        _ => state.ToString().ToLowerInvariant(),
    };
}
