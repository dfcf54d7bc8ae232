using Framework.Sql;

namespace Framework.Orm;

/// <summary>What a session event handler is given: the session, as its synchronous face.</summary>
public class SessionEventArgs : EventArgs
{
    internal SessionEventArgs(Session session) => Session = session;

    /// <summary>The session (its synchronous API: handlers run inside the operation, and may do blocking I/O).</summary>
    public Session Session { get; }
}

/// <summary>An instance being attached to a session.</summary>
public sealed class AttachEventArgs : SessionEventArgs
{
    internal AttachEventArgs(Session session, object instance) : base(session) => Instance = instance;

    /// <summary>The instance.</summary>
    public object Instance { get; }
}

/// <summary>An ORM statement about to run (<see cref="SessionEvents.DoOrmExecute"/>).</summary>
public sealed class OrmExecuteEventArgs : SessionEventArgs
{
    private Executable _statement;

    internal OrmExecuteEventArgs(Session session, Executable statement, bool populateExisting) : base(session)
    {
        _statement = statement;
        PopulateExisting = populateExisting;
    }

    /// <summary>The statement; a handler may replace it with another of the same type (a Select&lt;T&gt; with a Select&lt;T&gt;).</summary>
    public Executable Statement
    {
        get => _statement;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.GetType() != _statement.GetType())
            {
                throw new ArgumentException(
                    $"A DoOrmExecute handler may replace the statement only with one of the same type ({TypeNames.Of(_statement.GetType())}), not {Articles.With(TypeNames.Of(value.GetType()))}.",
                    nameof(value));
            }
            _statement = value;
        }
    }

    /// <summary>Whether it is an ORM SELECT.</summary>
    public bool IsSelect => _statement is SelectBase;

    /// <summary>Whether it is an ORM-enabled UPDATE.</summary>
    public bool IsUpdate => Is(typeof(Update<>));

    /// <summary>Whether it is an ORM-enabled DELETE.</summary>
    public bool IsDelete => Is(typeof(Delete<>));

    /// <summary>Whether the rows overwrite the attributes of instances the session already holds; a handler may turn it on.</summary>
    public bool PopulateExisting { get; set; }

    private bool Is(Type definition) => _statement.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == definition;
}

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

/// <summary>How a session behaves.</summary>
public sealed record SessionOptions
{
    /// <summary>Whether a commit expires every instance, so the next read loads what the database now holds (default true).</summary>
    public bool ExpireOnCommit { get; set; } = true;

    /// <summary>Whether pending changes are flushed before each query, so the query sees them (default true).</summary>
    public bool Autoflush { get; set; } = true;

    /// <summary>
    /// Options for every transaction the session begins, applied before its first statement (its isolation level); a
    /// transaction begun with <c>BeginAsync(options)</c> or <c>ConnectionAsync(options)</c> uses those instead. Autocommit is
    /// refused: a session's unit of work is one transaction.
    /// </summary>
    public ExecutionOptions? ExecutionOptions { get; set; }

    /// <summary>How a session bound to a connection joins the transaction in progress there (default <see cref="JoinTransactionMode.ConservativeSavepoint"/>).</summary>
    public JoinTransactionMode JoinTransactionMode { get; set; }

    /// <summary>
    /// Loader options the session applies to every ORM SELECT (and GetAsync) of the entity each option starts from, as if
    /// written on the statement; an option the statement itself has for the same attribute wins. A session adds more with
    /// <c>AddDefaultLoaderOptions</c>.
    /// </summary>
    public IReadOnlyList<LoaderOption> DefaultLoaderOptions { get; set; } = [];
}
