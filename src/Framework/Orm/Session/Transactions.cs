using Framework.Orm.Internal;

namespace Framework.Orm;

internal sealed partial class SessionCore
{
    // SAVEPOINTs in progress, outermost first, each with what the session must undo should it be rolled back.
    private readonly List<SavepointFrame> _frames = [];
    private SessionTransaction? _root;
    // The depth of the savepoint whose flush failed (0: the transaction itself); rolling that back clears the failure.
    private int _failedDepth;
    // The connection the caller bound the session to (null: the session checks out its own from the engine).
    private readonly Connection? _bind;
    // What the session's root transaction is on its connection, and so what its commit and rollback do there.
    private RootMode _rootMode;
    // The transaction of the innermost BeginAsync(work) block in progress: once it has ended, nothing may begin another inside the block.
    private SessionTransaction? _block;

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
            : Options.JoinTransactionMode switch
            {
                JoinTransactionMode.CreateSavepoint => RootMode.Savepoint,
                JoinTransactionMode.RollbackOnly => RootMode.RollbackOnly,
                JoinTransactionMode.ControlFully => RootMode.Control,
                _ => connection.InNestedTransaction ? RootMode.Savepoint : RootMode.RollbackOnly,
            };
        if (_rootMode == RootMode.Own)
            return await connection.Begin(async, cancellationToken, implicitly, (options ?? Options.ExecutionOptions)?.IsolationLevel).ConfigureAwait(false);
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
        if (_block is { } block && !IsActive(block))
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

    /// <summary>Whether <paramref name="handle"/> can still be committed or rolled back.</summary>
    public bool IsActive(SessionTransaction handle) =>
        handle.IsNested ? _frames.Exists(f => ReferenceEquals(f.Handle, handle)) : ReferenceEquals(_root, handle) && _transaction is not null;

    /// <summary>Begins the session's transaction explicitly (SQLAlchemy's <c>session.begin()</c>) and returns its handle.</summary>
    public async ValueTask<SessionTransaction> Begin(bool async, CancellationToken cancellationToken, ExecutionOptions? options = null)
    {
        using var scope = Enter("Begin");
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
        using var scope = Enter("BeginNested");
        ThrowIfFailed();
        await Flush(async, cancellationToken).ConfigureAwait(false);
        var connection = await Connection(async, cancellationToken).ConfigureAwait(false);
        var savepoint = await connection.BeginNested(async, cancellationToken).ConfigureAwait(false);
        var handle = new SessionTransaction(this, nested: true);
        _frames.Add(new SavepointFrame(savepoint, handle, _insertedInTransaction.Count, _deletedInTransaction.Count));
        return handle;
    }

    /// <summary>Commits or rolls back a transaction or savepoint begun by <see cref="Begin"/> or <see cref="BeginNested"/>.</summary>
    public async ValueTask End(SessionTransaction handle, bool commit, bool async, CancellationToken cancellationToken)
    {
        if (!handle.IsNested)
        {
            if (!IsActive(handle))
                throw Inactive();
            if (commit)
                await Commit(async, cancellationToken).ConfigureAwait(false);
            else
                await RollbackPublic(async).ConfigureAwait(false);
            return;
        }
        using var scope = Enter(commit ? "Commit" : "Rollback");
        var depth = _frames.FindIndex(f => ReferenceEquals(f.Handle, handle));
        if (depth < 0)
            throw Inactive();
        if (commit)
        {
            ThrowIfFailed();
            await Flush(async, cancellationToken).ConfigureAwait(false);
            await _connection!.End(_frames[depth].Savepoint, commit: true, async, cancellationToken).ConfigureAwait(false);
            // What the released savepoints changed now belongs to the one around them (or to the transaction).
            var outer = depth > 0 ? _frames[depth - 1] : null;
            for (var i = _frames.Count - 1; i >= depth; i--)
                outer?.Updated.UnionWith(_frames[i].Updated);
            _frames.RemoveRange(depth, _frames.Count - depth);
        }
        else
        {
            await RollbackTo(depth, async).ConfigureAwait(false);
        }
    }

    private static InvalidOperationException Inactive() => new(
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
            expire.UnionWith(_dirty);
            _frames.RemoveRange(depth, _frames.Count - depth);
            ForgetPending();
            RestoreDeleted(frame.DeletedMark);
            ForgetInserted(frame.InsertedMark);
            foreach (var state in expire)
            {
                if (ReferenceEquals(state.Owner, this) && state.Persistent)
                    ExpireState(state);
            }
            _dirty.Clear();
            if (_failure is not null && _failedDepth > depth)
                _failure = null;
            Events.RaiseAfterRollback(this);
            Session.AllEvents.RaiseAfterRollback(this);
        }
    }

    /// <summary>Pending instances leave the session; a failed flush may have inserted some of them before it stopped.</summary>
    private void ForgetPending()
    {
        foreach (var state in _new)
        {
            if (state.Key is { } key)
            {
                _identity.Remove(key);
                state.Key = null;
            }
            Detach(state);
        }
        _new.Clear();
    }

    /// <summary>Instances inserted since <paramref name="mark"/> become transient again: their rows are gone.</summary>
    private void ForgetInserted(int mark)
    {
        for (var i = mark; i < _insertedInTransaction.Count; i++)
        {
            var state = _insertedInTransaction[i];
            _identity.Remove(state.Key!);
            state.Key = null;
            Detach(state);
        }
        _insertedInTransaction.RemoveRange(mark, _insertedInTransaction.Count - mark);
    }

    /// <summary>Unflushed deletions are dropped, and instances deleted since <paramref name="mark"/> come back: their rows are back.</summary>
    private void RestoreDeleted(int mark)
    {
        foreach (var state in _deleted)
            state.Deleted = false;
        _deleted.Clear();
        for (var i = mark; i < _deletedInTransaction.Count; i++)
        {
            var state = _deletedInTransaction[i];
            state.Deleted = false;
            state.DeletedIn = null;
            state.Owner = this;
            _identity[state.Key!] = state;
        }
        _deletedInTransaction.RemoveRange(mark, _deletedInTransaction.Count - mark);
    }

    /// <summary>
    /// After a flush failed: rolls back the innermost savepoint, or the transaction when there is none, and records
    /// the failure, so the session refuses work until that is acknowledged with a rollback.
    /// </summary>
    private async ValueTask FailFlush(Exception failure, bool async)
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
    private void RecordUpdated(IEnumerable<EntityState> states)
    {
        if (_frames.Count > 0)
            _frames[^1].Updated.UnionWith(states);
    }

    /// <summary>Runs work in a new transaction, or a savepoint: commits when it completes, rolls back if it throws.</summary>
    public async ValueTask RunInTransaction(bool async, bool nested, Func<ValueTask> work, CancellationToken cancellationToken)
    {
        var handle = nested
            ? await BeginNested(async, cancellationToken).ConfigureAwait(false)
            : await Begin(async, cancellationToken).ConfigureAwait(false);
        var outerBlock = _block;
        if (!nested)
            _block = handle;
        try
        {
            await work().ConfigureAwait(false);
            // The commit's flush may fail too, which rolls back like a failure of the work.
            if (IsActive(handle))
                await End(handle, commit: true, async, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (IsActive(handle))
                await End(handle, commit: false, async, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        finally
        {
            _block = outerBlock;
        }
    }
}

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

/// <summary>
/// A session's transaction begun explicitly (<c>await session.BeginAsync()</c>), or a SAVEPOINT
/// (<c>await session.BeginNestedAsync()</c>). <c>await using</c> it: disposing it while still active rolls it back.
/// </summary>
public sealed class AsyncSessionTransaction : IAsyncDisposable
{
    internal AsyncSessionTransaction(SessionTransaction transaction) => SyncTransaction = transaction;

    /// <summary>The synchronous face.</summary>
    public SessionTransaction SyncTransaction { get; }

    /// <summary>Whether this is a SAVEPOINT inside the session's transaction.</summary>
    public bool IsNested => SyncTransaction.IsNested;

    /// <summary>Whether it can still be committed or rolled back.</summary>
    public bool IsActive => SyncTransaction.IsActive;

    /// <summary>Flushes, then commits the transaction (or releases the savepoint).</summary>
    public ValueTask CommitAsync(CancellationToken cancellationToken = default) => SyncTransaction.End(commit: true, async: true, cancellationToken);

    /// <summary>Rolls back the transaction (or to the savepoint, undoing only what happened inside it).</summary>
    public ValueTask RollbackAsync() => SyncTransaction.End(commit: false, async: true, CancellationToken.None);

    /// <summary>Rolls back if still active.</summary>
    public ValueTask DisposeAsync() => IsActive ? RollbackAsync() : default;
}
