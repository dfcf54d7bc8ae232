namespace Framework.Orm;

/// <summary>
/// How a session bound to a connection (<c>new AsyncSession(connection)</c>) treats a transaction already in progress on
/// that connection: SQLAlchemy 2.0's <c>join_transaction_mode</c>. A connection with no transaction in progress is simply
/// the session's: it begins, commits and rolls back the connection's transaction.
/// </summary>
public enum JoinTransactionMode
{
    /// <summary>
    /// The default: inside a SAVEPOINT of the caller, as <see cref="CreateSavepoint"/>; inside a plain transaction, as
    /// <see cref="RollbackOnly"/>. The session never commits what it did not begin.
    /// </summary>
    ConservativeSavepoint,

    /// <summary>
    /// The session works in a SAVEPOINT of its own: its commits release it, its rollbacks roll back to it, and the caller's
    /// transaction is untouched. The recipe for tests: code under test commits, and the test's outer rollback removes everything.
    /// </summary>
    CreateSavepoint,

    /// <summary>The session's rollback rolls back the caller's transaction; its commit flushes but leaves committing to the caller; closing it changes nothing.</summary>
    RollbackOnly,

    /// <summary>The session takes the caller's transaction as its own: its commit commits it, its rollback and close roll it back.</summary>
    ControlFully,
}
