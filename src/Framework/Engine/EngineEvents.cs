using System.Data.Common;
using Framework.Sql;

namespace Framework;

/// <summary>
/// Engine events, SQLAlchemy's <c>ConnectionEvents</c>, plus the pool's. Subscribe on one engine
/// (<c>engine.SyncEngine.Events</c>) or on all (<see cref="Engine.AllEvents"/>). Handlers run synchronously on
/// the flow that caused the event and receive the synchronous <see cref="Connection"/>.
/// </summary>
public sealed class EngineEvents : PoolEvents
{
    /// <summary>Before a statement runs, with the statement and parameters as given.</summary>
    public event Action<ExecuteEventArgs>? BeforeExecute;

    /// <summary>After a statement ran, with its result.</summary>
    public event Action<ExecuteEventArgs>? AfterExecute;

    /// <summary>Before the driver command is sent, with the final SQL and bound values; the command may be changed.</summary>
    public event Action<CursorExecuteEventArgs>? BeforeCursorExecute;

    /// <summary>After the driver command ran.</summary>
    public event Action<CursorExecuteEventArgs>? AfterCursorExecute;

    /// <summary>A statement failed; a handler may decide whether the error means a lost connection.</summary>
    public event Action<ErrorEventArgs>? HandleError;

    /// <summary>A transaction began.</summary>
    public event Action<ConnectionEventArgs>? Begin;

    /// <summary>A transaction committed.</summary>
    public event Action<ConnectionEventArgs>? Commit;

    /// <summary>A transaction rolled back.</summary>
    public event Action<ConnectionEventArgs>? Rollback;

    internal void RaiseBeforeExecute(ExecuteEventArgs args) => BeforeExecute?.Invoke(args);

    internal void RaiseAfterExecute(ExecuteEventArgs args) => AfterExecute?.Invoke(args);

    internal void RaiseBeforeCursorExecute(CursorExecuteEventArgs args) => BeforeCursorExecute?.Invoke(args);

    internal void RaiseAfterCursorExecute(CursorExecuteEventArgs args) => AfterCursorExecute?.Invoke(args);

    internal void RaiseHandleError(ErrorEventArgs args) => HandleError?.Invoke(args);

    internal void RaiseTransaction(TransactionEvent kind, ConnectionEventArgs args) =>
        (kind switch { TransactionEvent.Begin => Begin, TransactionEvent.Commit => Commit, _ => Rollback })?.Invoke(args);

    internal bool HasExecute => BeforeExecute is not null || AfterExecute is not null;

    internal bool HasCursorExecute => BeforeCursorExecute is not null || AfterCursorExecute is not null;

    internal bool HasHandleError => HandleError is not null;

    internal bool HasTransaction => Begin is not null || Commit is not null || Rollback is not null;
}

/// <summary>What a connection tells of each statement it ran (a session's StatementExecuted event); asked first whether anyone listens.</summary>
internal interface IStatementObserver
{
    /// <summary>Whether a statement should be reported at all: when false, no event arguments are made.</summary>
    bool IsEnabled { get; }

    void Executed(StatementEventArgs args);

    /// <summary>The token that cancels a statement whose call passed none (the session's <c>DefaultCancellationToken</c>).</summary>
    CancellationToken DefaultCancellation { get; }
}

internal enum TransactionEvent
{
    Begin,
    Commit,
    Rollback,
}

/// <summary>An event about a connection.</summary>
public class ConnectionEventArgs
{
    internal ConnectionEventArgs(Connection connection) => Connection = connection;

    /// <summary>The connection, synchronous face.</summary>
    public Connection Connection { get; }
}

/// <summary>A statement about to run, or that ran.</summary>
public sealed class ExecuteEventArgs : ConnectionEventArgs
{
    internal ExecuteEventArgs(Connection connection, Executable statement, object? parameters) : base(connection)
    {
        Statement = statement;
        Parameters = parameters;
    }

    /// <summary>The statement.</summary>
    public Executable Statement { get; }

    /// <summary>The parameters as the caller gave them (an object, a dictionary, or a list of them for executemany).</summary>
    public object? Parameters { get; }

    /// <summary>The result, in <see cref="EngineEvents.AfterExecute"/>.</summary>
    public Result? Result { get; internal set; }
}

/// <summary>A driver command about to be sent, or that was sent.</summary>
public sealed class CursorExecuteEventArgs : ConnectionEventArgs
{
    internal CursorExecuteEventArgs(Connection connection, DbCommand? command, string sql, IReadOnlyList<object?> parameters, bool executeMany)
        : base(connection)
    {
        Command = command;
        Sql = sql;
        Parameters = parameters;
        ExecuteMany = executeMany;
    }

    /// <summary>The driver command (null for executemany, which sends a batch).</summary>
    public DbCommand? Command { get; }

    /// <summary>The SQL sent.</summary>
    public string Sql { get; }

    /// <summary>The bound values in binding order (for executemany, the first set).</summary>
    public IReadOnlyList<object?> Parameters { get; }

    /// <summary>Whether many parameter sets are sent at once.</summary>
    public bool ExecuteMany { get; }
}

/// <summary>A failed statement.</summary>
public sealed class ErrorEventArgs : ConnectionEventArgs
{
    internal ErrorEventArgs(Connection connection, Exception exception, string? sql, bool isDisconnect) : base(connection)
    {
        Exception = exception;
        Sql = sql;
        IsDisconnect = isDisconnect;
    }

    /// <summary>The driver's exception.</summary>
    public Exception Exception { get; }

    /// <summary>The SQL that failed, if any.</summary>
    public string? Sql { get; }

    /// <summary>Whether the connection is treated as lost and invalidated; a handler may change it.</summary>
    public bool IsDisconnect { get; set; }
}

/// <summary>
/// A statement that ran on a connection, as a session's <c>StatementExecuted</c> event reports it: its SQL, bound values,
/// time, and the cache key its compiled form is shared under (statements of one shape have equal keys, whatever their values).
/// </summary>
public sealed class StatementEventArgs : ConnectionEventArgs
{
    internal StatementEventArgs(Connection connection, string sql, IReadOnlyList<object?> parameters, TimeSpan duration, object? cacheKey, int rowCount,
        bool executeMany)
        : base(connection)
    {
        Sql = sql;
        Parameters = parameters;
        Duration = duration;
        CacheKey = cacheKey;
        RowCount = rowCount;
        ExecuteMany = executeMany;
    }

    /// <summary>The SQL sent.</summary>
    public string Sql { get; }

    /// <summary>The bound values in binding order (for executemany, the first set).</summary>
    public IReadOnlyList<object?> Parameters { get; }

    /// <summary>
    /// How long the driver took to run it: for a buffered result, until every row was read; for a streamed one, until the
    /// first row could be read.
    /// </summary>
    public TimeSpan Duration { get; }

    /// <summary>
    /// The key the compiled statement is cached under in its dialect: equal for statements of the same shape (the same SQL
    /// whatever the values), which is how repeated queries (an N+1) are recognized. Null for SQL the cache does not hold.
    /// </summary>
    public object? CacheKey { get; }

    /// <summary>The rows the statement changed (-1 when it reports none, as a SELECT does).</summary>
    public int RowCount { get; }

    /// <summary>Whether many parameter sets were sent at once.</summary>
    public bool ExecuteMany { get; }
}
