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
