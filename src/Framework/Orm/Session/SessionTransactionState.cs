namespace Framework.Orm;

/// <summary>
/// The states of a session transaction (SQLAlchemy's <c>SessionTransactionState</c>). <see cref="SessionTransaction"/>
/// moves between them in one place and refuses a move its table does not allow.
/// </summary>
internal enum SessionTransactionState
{
    /// <summary>Begun: work runs in it, and it can be committed or rolled back.</summary>
    Active,

    /// <summary>A commit is under way (flushes, BeforeCommit handlers, then COMMIT or RELEASE).</summary>
    Committing,

    /// <summary>Committed (a savepoint: released). Final.</summary>
    Committed,

    /// <summary>Rolled back. Final.</summary>
    RolledBack,

    /// <summary>Ended without a commit or rollback of its own: the session was closed, or the transaction around it ended. Final.</summary>
    Closed,
}
