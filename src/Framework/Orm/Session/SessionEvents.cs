namespace Framework.Orm;

/// <summary>
/// A session's events (SQLAlchemy's session events), on one session (<c>session.SyncSession.Events</c>) or on every
/// session (<c>Session.AllEvents</c>). Handlers run synchronously inside the operation that raises them.
/// </summary>
public sealed class SessionEvents
{
    /// <summary>Before a flush writes anything.</summary>
    public event Action<SessionEventArgs>? BeforeFlush;

    /// <summary>After a flush wrote everything, before its changes count as committed state.</summary>
    public event Action<SessionEventArgs>? AfterFlush;

    /// <summary>Before COMMIT (after the final flush); the handler may still use the session's connection.</summary>
    public event Action<SessionEventArgs>? BeforeCommit;

    /// <summary>After COMMIT.</summary>
    public event Action<SessionEventArgs>? AfterCommit;

    /// <summary>After the session began a transaction.</summary>
    public event Action<SessionEventArgs>? AfterBegin;

    /// <summary>After a rollback of the session's transaction.</summary>
    public event Action<SessionEventArgs>? AfterRollback;

    /// <summary>Before an instance is attached to the session (Add, Merge).</summary>
    public event Action<AttachEventArgs>? BeforeAttach;

    /// <summary>After an instance was attached to the session.</summary>
    public event Action<AttachEventArgs>? AfterAttach;

    /// <summary>
    /// Before an ORM statement runs (a <c>Select&lt;T&gt;</c>, including the one a GetAsync needs, a stream, or an
    /// ORM-enabled <c>Update&lt;T&gt;</c>/<c>Delete&lt;T&gt;</c>): the handler may replace the statement, for example
    /// to add criteria to every query of an entity, or ask for populate-existing.
    /// </summary>
    public event Action<OrmExecuteEventArgs>? DoOrmExecute;

    /// <summary>
    /// After each statement the session's connection ran while the session held it (queries, loads, flushes; not BEGIN,
    /// COMMIT or SAVEPOINTs, which the driver sends), with its SQL, values, duration and cache key: what a per-request query
    /// log or query budget counts. Raised on one session's <c>Events</c> only (not on <c>Session.AllEvents</c>), so no
    /// process-wide handler is needed; on a connection bound to the session, statements the caller runs there meanwhile are
    /// reported too. A handler that throws fails the statement's call. For every connection of an engine use its
    /// <see cref="EngineEvents.AfterCursorExecute"/>.
    /// </summary>
    public event Action<StatementEventArgs>? StatementExecuted;

    internal bool HasDoOrmExecute => DoOrmExecute is not null;

    internal bool HasStatementExecuted => StatementExecuted is not null;

    internal void RaiseStatementExecuted(StatementEventArgs args) => StatementExecuted?.Invoke(args);

    internal void RaiseBeforeFlush(SessionCore core) => Raise(BeforeFlush, core);

    internal void RaiseAfterFlush(SessionCore core) => Raise(AfterFlush, core);

    internal void RaiseBeforeCommit(SessionCore core) => Raise(BeforeCommit, core);

    internal void RaiseAfterCommit(SessionCore core) => Raise(AfterCommit, core);

    internal void RaiseAfterBegin(SessionCore core) => Raise(AfterBegin, core);

    internal void RaiseAfterRollback(SessionCore core) => Raise(AfterRollback, core);

    internal void RaiseDoOrmExecute(OrmExecuteEventArgs args) => DoOrmExecute?.Invoke(args);

    internal void RaiseBeforeAttach(SessionCore core, object instance) => BeforeAttach?.Invoke(new AttachEventArgs(core.SyncFace!, instance));

    internal void RaiseAfterAttach(SessionCore core, object instance) => AfterAttach?.Invoke(new AttachEventArgs(core.SyncFace!, instance));

    private static void Raise(Action<SessionEventArgs>? handlers, SessionCore core) => handlers?.Invoke(new SessionEventArgs(core.SyncFace!));
}
