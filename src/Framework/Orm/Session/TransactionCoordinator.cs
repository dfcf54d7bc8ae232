using Framework.Orm.Internal;

namespace Framework.Orm;

/// <summary>
/// The session's transaction on its connection, the coordination SQLAlchemy keeps in its <c>SessionTransaction</c>: the
/// connection checked out (or the caller's, bound) and the root transaction begun on it, or joined as
/// <see cref="SessionOptions.JoinTransactionMode"/> says; the SAVEPOINT frames and what rolling one back undoes; commit,
/// rollback and the end of the connection's use; and a failed flush, after which the session refuses work until it is
/// rolled back. The handles it gives out (<see cref="SessionTransaction"/>) are the state machine. <see cref="SessionCore"/>
/// enters its concurrency guard before calling in here.
/// </summary>
internal sealed class TransactionCoordinator(SessionCore session, IdentityMap map, Connection? bind)
{
    // SAVEPOINTs in progress, outermost first, each with what the session must undo should it be rolled back.
    private readonly List<SavepointFrame> _frames = [];
    private SessionTransaction? _root;
    // The depth of the savepoint whose flush failed (0: the transaction itself); rolling that back clears the failure.
    private int _failedDepth;
    // The connection the caller bound the session to (null: the session checks out its own from the engine).
    private readonly Connection? _bind = bind;
    private Connection? _connection;
    private Transaction? _transaction;
    private Exception? _failure;
    private StatementObserver? _observer;
    private IStatementObserver? _outerObserver;
    // What the session's root transaction is on its connection, and so what its commit and rollback do there.
    private RootMode _rootMode;

    /// <summary>The transaction of the innermost BeginAsync(work) block in progress: once it has ended, nothing may begin another inside the block.</summary>
    public SessionTransaction? Block { get; set; }

    public bool InTransaction => _transaction is not null;

    private enum RootMode
    {
        /// <summary>The session began the connection's transaction: it commits and rolls it back.</summary>
        Own,
        /// <summary>A SAVEPOINT in the caller's transaction: commit releases it, rollback rolls back to it.</summary>
        Savepoint,
        /// <summary>The caller's transaction, taken over: commit and rollback end it (JoinTransactionMode.ControlFully).</summary>
        Control,
        /// <summary>The caller's transaction, joined: rollback ends it, commit leaves it to the caller (JoinTransactionMode.RollbackOnly).</summary>
        RollbackOnly,
    }

    /// <summary>Reports the statements of the session's connection to its StatementExecuted handlers; costs nothing while there are none.</summary>
    private sealed class StatementObserver(SessionCore core) : IStatementObserver
    {
        public bool IsEnabled => core.Events.HasStatementExecuted;

        public void Executed(StatementEventArgs args) => core.Events.RaiseStatementExecuted(args);

        public CancellationToken DefaultCancellation => core.DefaultCancellationToken;
    }

    public void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            throw new InvalidOperationException(
                _failedDepth > 0
                    ? "This Session's SAVEPOINT has been rolled back due to a previous exception during flush. To continue, roll back the " +
                      $"nested transaction (RollbackAsync() on what BeginNestedAsync() returned, or let its callback throw), or the whole " +
                      $"transaction with RollbackAsync(). Original exception was: {failure.Message}"
                    : "This Session's transaction has been rolled back due to a previous exception during flush. To begin a new transaction " +
                      $"with this Session, first issue RollbackAsync() (or Rollback()). Original exception was: {failure.Message}", failure);
        }
    }

    /// <summary>
    /// The session's connection, in its transaction: begun now when none is (autobegin, unless <paramref name="implicitly"/>
    /// is false), with <paramref name="options"/> for that transaction, else the session's.
    /// </summary>
    public async ValueTask<Connection> Connection(bool async, CancellationToken cancellationToken, bool implicitly = true, ExecutionOptions? options = null)
    {
        ThrowIfFailed();
        if (!cancellationToken.CanBeCanceled)
            cancellationToken = session.DefaultCancellationToken;
        if (_connection is { } connection && _transaction is not null)
        {
            if (options is not null)
                throw OptionsTooLate();
            return connection;
        }
        ThrowIfBlockClosed();
        _connection ??= _bind ?? await session.Engine.Connect(async, cancellationToken).ConfigureAwait(false);
        // A bound connection may already report to another session: that one is told again once this session lets go.
        _outerObserver = _connection.StatementObserver;
        try
        {
            _transaction = await BeginRoot(_connection, options, implicitly, async, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await ReleaseConnection(async, SessionTransactionState.Closed).ConfigureAwait(false);
            throw;
        }
        _root = new SessionTransaction(session, nested: false);
        _connection.StatementObserver = _observer ??= new StatementObserver(session);
        session.Events.RaiseAfterBegin(session);
        Session.AllEvents.RaiseAfterBegin(session);
        return _connection;
    }

    private static InvalidOperationException OptionsTooLate() => new(
        "The session's transaction has already begun, so execution options for it (such as its isolation level) come too late: they apply " +
        "before the transaction's first statement. Pass them to BeginAsync(options) or ConnectionAsync(options) before anything else runs in " +
        "the transaction (after a commit or rollback), or set SessionOptions.ExecutionOptions for every transaction of the session.");

    /// <summary>The transaction has ended as <paramref name="end"/> says (it and the savepoints in it); the connection goes back, unless it is the caller's.</summary>
    private async ValueTask ReleaseConnection(bool async, SessionTransactionState end)
    {
        _root?.Ended(end, end.ToString());
        foreach (var frame in _frames)
            frame.Handle.Ended(end, end.ToString());
        var connection = _connection;
        _connection = null;
        _transaction = null;
        _root = null;
        _frames.Clear();
        if (connection is null)
            return;
        connection.StatementObserver = _outerObserver;
        _outerObserver = null;
        // A connection the caller gave the session stays theirs: open, with whatever transaction it had.
        if (!ReferenceEquals(connection, _bind))
            await connection.Close(async).ConfigureAwait(false);
    }

    /// <summary>
    /// Refuses <paramref name="operation"/>, which would move the transaction to <paramref name="to"/>, while a commit of
    /// it is under way.
    /// </summary>
    public void ThrowIfChanging(string operation, SessionTransactionState to) => _root?.ThrowIfChanging(operation, to);

    /// <summary>Flushes, then commits the session's transaction (the public Commit and CommitAsync, and a root handle's Commit).</summary>
    public async ValueTask Commit(bool async, CancellationToken cancellationToken)
    {
        if (_transaction is null && !map.HasPending)
            return;
        var root = _root;
        root?.MoveTo(SessionTransactionState.Committing, nameof(Commit));
        try
        {
            await session.UnitOfWork.Flush(async, cancellationToken).ConfigureAwait(false);
            // A transaction autobegun by that flush is being committed too.
            if (root is null && _root is { } begun)
                (root = begun).MoveTo(SessionTransactionState.Committing, nameof(Commit));
            session.Events.RaiseBeforeCommit(session);
            Session.AllEvents.RaiseBeforeCommit(session);
            // Work done by BeforeCommit handlers is flushed too.
            await session.UnitOfWork.Flush(async, cancellationToken).ConfigureAwait(false);
            if (_connection is { } connection)
            {
                try
                {
                    await EndRoot(connection, commit: true, async, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    await Rollback(async, expire: true).ConfigureAwait(false);
                    throw;
                }
                await ReleaseConnection(async, SessionTransactionState.Committed).ConfigureAwait(false);
            }
        }
        catch
        {
            // A flush failed: the transaction is still there, to be rolled back.
            if (root?.State == SessionTransactionState.Committing)
                root.MoveTo(SessionTransactionState.Active, nameof(Commit));
            throw;
        }
        map.InsertedInTransaction.Clear();
        map.ForgetDeletedInTransaction();
        if (session.Options.ExpireOnCommit)
            map.ExpireAll();
        session.Events.RaiseAfterCommit(session);
        Session.AllEvents.RaiseAfterCommit(session);
    }

    /// <summary>
    /// Rolls back the transaction: pending instances are expunged, instances inserted in it become transient again,
    /// deleted ones come back, and (when <paramref name="expire"/>) every persistent instance is expired, as its row may
    /// be what it was before.
    /// </summary>
    public async ValueTask Rollback(bool async, bool expire, bool closing = false)
    {
        var hadTransaction = _transaction is not null;
        // Closing a session joined RollbackOnly leaves the caller's transaction, and the rows the session wrote in it, in place:
        // only what happened inside the session's own savepoints is undone.
        var (insertedMark, deletedMark) = !closing || _transaction is null || _rootMode != RootMode.RollbackOnly
            ? (0, 0)
            : _frames.Count > 0
                ? (_frames[0].InsertedMark, _frames[0].DeletedMark)
                : (map.InsertedInTransaction.Count, map.DeletedInTransaction.Count);
        try
        {
            if (_connection is { } connection)
                await EndRoot(connection, commit: false, async, CancellationToken.None, closing).ConfigureAwait(false);
        }
        finally
        {
            await ReleaseConnection(async, closing ? SessionTransactionState.Closed : SessionTransactionState.RolledBack).ConfigureAwait(false);
            _failure = null;
            map.ForgetPending();
            // Deleted rows come back before inserted ones go: a row inserted and deleted in the transaction ends transient.
            map.RestoreDeleted(deletedMark);
            map.ForgetInserted(insertedMark);
            if (expire)
                map.ExpireAll();
            if (hadTransaction)
            {
                session.Events.RaiseAfterRollback(session);
                Session.AllEvents.RaiseAfterRollback(session);
            }
        }
    }

    /// <summary>The session's transaction in progress (begun explicitly or by autobegin), or null.</summary>
    public SessionTransaction? GetTransaction() => _transaction is not null ? _root : null;

    /// <summary>The innermost SAVEPOINT the session began, or null.</summary>
    public SessionTransaction? GetNestedTransaction() => _frames.Count > 0 ? _frames[^1].Handle : null;

    /// <summary>Whether a SAVEPOINT the session began is in progress.</summary>
    public bool InNestedTransaction => _frames.Count > 0;

    /// <summary>
    /// Begins the session's transaction on <paramref name="connection"/>. On a connection of its own, or a bound one with no
    /// transaction, that is the connection's transaction; on a bound connection already in one, the session joins it as
    /// SQLAlchemy 2.0's <c>join_transaction_mode</c> says.
    /// </summary>
    private async ValueTask<Transaction> BeginRoot(Connection connection, ExecutionOptions? options, bool implicitly, bool async,
        CancellationToken cancellationToken)
    {
        _rootMode = !ReferenceEquals(connection, _bind) || !connection.InTransaction
            ? RootMode.Own
            : session.Options.JoinTransactionMode switch
            {
                JoinTransactionMode.CreateSavepoint => RootMode.Savepoint,
                JoinTransactionMode.RollbackOnly => RootMode.RollbackOnly,
                JoinTransactionMode.ControlFully => RootMode.Control,
                _ => connection.InNestedTransaction ? RootMode.Savepoint : RootMode.RollbackOnly,
            };
        if (_rootMode == RootMode.Own)
            return await connection.Begin(async, cancellationToken, implicitly, (options ?? session.Options.ExecutionOptions)?.IsolationLevel).ConfigureAwait(false);
        if (options?.IsolationLevel is not null)
        {
            throw new InvalidOperationException(
                "This session joins the transaction already in progress on its connection, so it cannot choose that transaction's isolation level. " +
                "Set it on the connection before its transaction begins (connection.ExecutionOptions(...)).");
        }
        return _rootMode == RootMode.Savepoint
            ? await connection.BeginNested(async, cancellationToken).ConfigureAwait(false)
            : connection.GetNestedTransaction() ?? connection.GetTransaction()!;
    }

    /// <summary>
    /// Commits or rolls back the session's root transaction as its <see cref="RootMode"/> says. A transaction joined with
    /// RollbackOnly is never committed, and closing the session leaves it alone; only the savepoints the session began in it end.
    /// </summary>
    private ValueTask EndRoot(Connection connection, bool commit, bool async, CancellationToken cancellationToken, bool closing = false)
    {
        if (_transaction is not { } root)
            return default;
        switch (_rootMode)
        {
            case RootMode.Own:
                // Only the transaction the session began: if the caller ended it by hand and began another, that one is theirs.
                return ReferenceEquals(connection.GetTransaction(), root) ? connection.End(root, commit, async, cancellationToken) : default;
            case RootMode.RollbackOnly when commit || closing:
                return _frames.Count > 0 && _frames[0].Savepoint.IsActive
                    ? connection.End(_frames[0].Savepoint, commit, async, cancellationToken)
                    : default;
            default:
                return root.IsActive ? connection.End(root, commit, async, cancellationToken) : default;
        }
    }

    private void ThrowIfBlockClosed()
    {
        if (Block is { IsActive: false })
            throw Framework.Connection.ClosedInsideBlock();
    }

    /// <summary>A SAVEPOINT of the session, with the marks of what happened inside it.</summary>
    private sealed class SavepointFrame(Transaction savepoint, SessionTransaction handle, int insertedMark, int deletedMark)
    {
        public Transaction Savepoint { get; } = savepoint;

        public SessionTransaction Handle { get; } = handle;

        public int InsertedMark { get; } = insertedMark;

        public int DeletedMark { get; } = deletedMark;

        // Instances whose rows an UPDATE inside the savepoint changed: rolling it back expires them.
        public HashSet<EntityState> Updated { get; } = new(ReferenceEqualityComparer.Instance);
    }

    /// <summary>Begins the session's transaction explicitly (SQLAlchemy's <c>session.begin()</c>) and returns its handle.</summary>
    public async ValueTask<SessionTransaction> Begin(bool async, CancellationToken cancellationToken, ExecutionOptions? options)
    {
        ThrowIfFailed();
        if (_transaction is not null)
        {
            throw new InvalidOperationException(
                "A transaction is already begun on this Session (autobegin began one at its first use). Commit or roll it back first, " +
                "or use BeginNestedAsync() for a SAVEPOINT.");
        }
        await Connection(async, cancellationToken, implicitly: false, options).ConfigureAwait(false);
        return _root!;
    }

    /// <summary>
    /// Begins a SAVEPOINT (beginning the transaction first if none is in progress), after flushing pending changes so
    /// that the savepoint starts from them. Rolling it back undoes only what happened inside it.
    /// </summary>
    public async ValueTask<SessionTransaction> BeginNested(bool async, CancellationToken cancellationToken)
    {
        ThrowIfFailed();
        await session.UnitOfWork.Flush(async, cancellationToken).ConfigureAwait(false);
        var connection = await Connection(async, cancellationToken).ConfigureAwait(false);
        var savepoint = await connection.BeginNested(async, cancellationToken).ConfigureAwait(false);
        var handle = new SessionTransaction(session, nested: true);
        _frames.Add(new SavepointFrame(savepoint, handle, map.InsertedInTransaction.Count, map.DeletedInTransaction.Count));
        return handle;
    }

    /// <summary>Commits (releases) or rolls back a savepoint begun by <see cref="BeginNested"/>, as <paramref name="operation"/>.</summary>
    public async ValueTask EndNested(SessionTransaction handle, bool commit, string operation, bool async, CancellationToken cancellationToken)
    {
        var depth = _frames.FindIndex(f => ReferenceEquals(f.Handle, handle));
        if (depth < 0)
            throw Inactive();
        handle.ThrowIfChanging(operation, commit ? SessionTransactionState.Committed : SessionTransactionState.RolledBack);
        if (commit)
        {
            handle.MoveTo(SessionTransactionState.Committing, operation);
            try
            {
                await session.UnitOfWork.Flush(async, cancellationToken).ConfigureAwait(false);
                await _connection!.End(_frames[depth].Savepoint, commit: true, async, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                handle.MoveTo(SessionTransactionState.Active, operation);
                throw;
            }
            // What the released savepoints changed now belongs to the one around them (or to the transaction).
            var outer = depth > 0 ? _frames[depth - 1] : null;
            for (var i = _frames.Count - 1; i >= depth; i--)
            {
                outer?.Updated.UnionWith(_frames[i].Updated);
                _frames[i].Handle.Ended(SessionTransactionState.Committed, operation);
            }
            _frames.RemoveRange(depth, _frames.Count - depth);
        }
        else
        {
            await RollbackTo(depth, async).ConfigureAwait(false);
        }
    }

    public static InvalidOperationException Inactive() => new(
        "This session transaction is inactive: it was already committed or rolled back (a savepoint also ends with the transaction around it). " +
        "Begin a new one.");

    /// <summary>
    /// Rolls back to the savepoint at <paramref name="depth"/>: instances added inside it are expunged (those it
    /// inserted become transient again), those it deleted come back, and those it changed are expired.
    /// </summary>
    private async ValueTask RollbackTo(int depth, bool async)
    {
        var frame = _frames[depth];
        try
        {
            // A failed flush has already rolled the innermost savepoint back.
            if (frame.Savepoint.IsActive && _connection is { } connection)
                await connection.End(frame.Savepoint, commit: false, async, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            var expire = new HashSet<EntityState>(ReferenceEqualityComparer.Instance);
            for (var i = depth; i < _frames.Count; i++)
                expire.UnionWith(_frames[i].Updated);
            expire.UnionWith(map.Dirty);
            for (var i = depth; i < _frames.Count; i++)
                _frames[i].Handle.Ended(SessionTransactionState.RolledBack, "Rollback");
            _frames.RemoveRange(depth, _frames.Count - depth);
            map.ForgetPending();
            map.RestoreDeleted(frame.DeletedMark);
            map.ForgetInserted(frame.InsertedMark);
            foreach (var state in expire)
            {
                if (ReferenceEquals(state.Owner, session) && state.Persistent)
                    IdentityMap.Expire(state);
            }
            map.Dirty.Clear();
            if (_failure is not null && _failedDepth > depth)
                _failure = null;
            session.Events.RaiseAfterRollback(session);
            Session.AllEvents.RaiseAfterRollback(session);
        }
    }

    /// <summary>
    /// After a flush failed: rolls back the innermost savepoint, or the transaction when there is none, and records
    /// the failure, so the session refuses work until that is acknowledged with a rollback.
    /// </summary>
    public async ValueTask FailFlush(Exception failure, bool async)
    {
        try
        {
            if (_frames.Count > 0)
            {
                var savepoint = _frames[^1].Savepoint;
                if (savepoint.IsActive)
                    await _connection!.End(savepoint, commit: false, async, CancellationToken.None).ConfigureAwait(false);
            }
            else if (_connection is { } connection)
            {
                await EndRoot(connection, commit: false, async, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception rollback) when (rollback is not OperationCanceledException)
        {
            // The flush's error is the one to report; a rollback the session owes is still owed.
        }
        _failure = failure;
        _failedDepth = _frames.Count;
    }

    /// <summary>Records instances an UPDATE changed inside the innermost savepoint, which its rollback must expire.</summary>
    public void RecordUpdated(IEnumerable<EntityState> states)
    {
        if (_frames.Count > 0)
            _frames[^1].Updated.UnionWith(states);
    }
}
