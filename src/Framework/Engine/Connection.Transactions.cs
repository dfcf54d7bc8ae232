using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Framework.Diagnostics;

namespace Framework;

public sealed partial class Connection
{
    private Transaction? _transaction;
    private List<Transaction>? _nested;
    private int _savepoints;

    // The transaction's BEGIN has not been sent yet (see DeferBegin); the isolation level it will ask for, and how it was begun.
    private bool _beginDeferred;
    private IsolationLevel _deferredLevel;
    private bool _deferredImplicitly;

    // The driver connection was handed out: what the caller runs on it must find the transaction begun, so none is deferred.
    private bool _rawHandedOut;

    // The transaction of the BeginAsync(work) block in progress: once it has ended, nothing may begin another inside the block.
    private Transaction? _block;

    /// <summary>Whether a transaction is in progress (begun explicitly or by autobegin).</summary>
    public bool InTransaction => _transaction is not null;

    /// <summary>Whether a SAVEPOINT is in progress.</summary>
    public bool InNestedTransaction => _nested is { Count: > 0 };

    /// <summary>The transaction in progress, if any.</summary>
    public Transaction? GetTransaction() => _transaction;

    /// <summary>The innermost SAVEPOINT in progress, if any.</summary>
    public Transaction? GetNestedTransaction() => _nested is { Count: > 0 } nested ? nested[^1] : null;

    /// <summary>Begins a transaction and returns its handle; disposing the handle uncommitted rolls it back.</summary>
    public Transaction Begin() => SyncPath.Run(Begin(false, default));

    /// <summary>Begins a SAVEPOINT (beginning the outer transaction first if none is in progress).</summary>
    public Transaction BeginNested() => SyncPath.Run(BeginNested(false, default));

    /// <summary>Commits the transaction in progress, if any.</summary>
    public void Commit() => SyncPath.Run(CommitRoot(false, default));

    /// <summary>Rolls back the transaction in progress, if any.</summary>
    public void Rollback() => SyncPath.Run(RollbackRoot(false, default));

    /// <summary>Runs <paramref name="work"/> in a new transaction: commits when it returns, rolls back if it throws.</summary>
    public void Begin(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        SyncPath.Run(RunInTransaction(false, nested: false, () =>
        {
            work();
            return new ValueTask<bool>(true);
        }, default));
    }

    /// <summary>
    /// Begins the root transaction; <paramref name="implicitly"/> when the caller begins it on first use (a session's autobegin),
    /// for echo; at <paramref name="isolationLevel"/> when given, else the connection's or the engine's.
    /// </summary>
    internal async ValueTask<Transaction> Begin(bool async, CancellationToken cancellationToken, bool implicitly = false, IsolationLevel? isolationLevel = null)
    {
        ThrowIfClosed();
        cancellationToken.ThrowIfCancellationRequested();
        Enter();
        try
        {
            ThrowIfInactiveTransaction();
            if (_transaction is not null)
            {
                throw new InvalidOperationException(
                    "A transaction is already begun on this connection (statements begin one automatically). Commit or roll it back first, " +
                    "or call BeginNested()/BeginNestedAsync() for a SAVEPOINT inside it.");
            }
            var record = await Checkout(async, cancellationToken).ConfigureAwait(false);
            return await BeginRoot(record, async, implicitly, cancellationToken, isolationLevel).ConfigureAwait(false);
        }
        finally
        {
            Exit();
        }
    }

    internal async ValueTask<Transaction> BeginNested(bool async, CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        cancellationToken.ThrowIfCancellationRequested();
        Enter();
        try
        {
            ThrowIfStreaming();
            var record = await Checkout(async, cancellationToken).ConfigureAwait(false);
            if (_transaction is null)
                await BeginRoot(record, async, implicitly: true, cancellationToken).ConfigureAwait(false);
            await SendDeferredBegin(record, async, cancellationToken).ConfigureAwait(false);
            var name = "sa_savepoint_" + (++_savepoints).ToString(CultureInfo.InvariantCulture);
            Log.Savepoint(_engine.Logger, _engine.EchoLevel, name);
            await Savepoint(record, OperationNames.Savepoint, "SAVEPOINT " + name, async, static (t, n, a, ct) => a ? t.SaveAsync(n, ct) : Run(() => t.Save(n)), name, cancellationToken)
                .ConfigureAwait(false);
            var savepoint = new Transaction(this, name);
            (_nested ??= []).Add(savepoint);
            return savepoint;
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Runs work in a transaction or savepoint: commits when it completes, rolls back when it throws.</summary>
    internal async ValueTask<T> RunInTransaction<T>(bool async, bool nested, Func<ValueTask<T>> work, CancellationToken cancellationToken)
    {
        var transaction = nested
            ? await BeginNested(async, cancellationToken).ConfigureAwait(false)
            : await Begin(async, cancellationToken).ConfigureAwait(false);
        var outerBlock = _block;
        if (!nested)
            _block = transaction;
        T value;
        try
        {
            value = await work().ConfigureAwait(false);
            // Inside: a commit refused before it is sent (a cancelled token) leaves the transaction to roll back like a failure of the work.
            if (transaction.IsActive)
                await End(transaction, commit: true, async, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (transaction.NeedsRollback)
                await End(transaction, commit: false, async, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        finally
        {
            _block = outerBlock;
        }
        return value;
    }

    internal ValueTask CommitRoot(bool async, CancellationToken cancellationToken) =>
        _transaction is { } root ? End(root, commit: true, async, cancellationToken) : default;

    internal ValueTask RollbackRoot(bool async, CancellationToken cancellationToken) =>
        _transaction is { } root ? End(root, commit: false, async, cancellationToken) : default;

    /// <summary>
    /// Commits or rolls back a transaction or savepoint; ending a savepoint ends those begun inside it too. The token is looked
    /// at before anything is sent; a COMMIT or ROLLBACK once sent runs to its end, so that a commit that returns has committed
    /// and one that throws <see cref="OperationCanceledException"/> sent nothing.
    /// </summary>
    internal async ValueTask End(Transaction transaction, bool commit, bool async, CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        cancellationToken.ThrowIfCancellationRequested();
        if (!transaction.IsActive)
        {
            if (commit)
            {
                throw new InvalidOperationException(
                    "This transaction is inactive: it was already committed or rolled back, a statement in it was cancelled, or its " +
                    "connection was lost (then roll back the outer transaction to acknowledge it, and run its work again).");
            }
            // Rolling back what has already ended does nothing, as in SQLAlchemy: a session joined to this transaction may have
            // rolled it back first, and the caller's own rollback must still succeed.
            if (!ReferenceEquals(transaction, _transaction))
                return;
            // Rolling back a transaction the connection lost is how the caller acknowledges the loss; one a cancelled statement
            // ended is still open in the database, and its ROLLBACK goes out below.
            if (_record?.Transaction is null)
            {
                EndTransactions(null);
                return;
            }
        }
        Enter();
        try
        {
            ThrowIfStreaming();
            if (transaction.Savepoint is { } name)
                await EndSavepoint(transaction, name, commit, async, cancellationToken).ConfigureAwait(false);
            else
                await EndRoot(commit, async).ConfigureAwait(false);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>SQLAlchemy's error for a statement after a transaction block's transaction was ended by hand.</summary>
    internal static InvalidOperationException ClosedInsideBlock() => new(
        "Can't operate on closed transaction inside context manager: the transaction of this BeginAsync(...) block (of a connection or a session) was already committed or " +
        "rolled back by hand, so this statement would begin another that the block then neither commits nor rolls back. Complete the block " +
        "before running further statements, or leave committing to the block.");

    private async ValueTask<Transaction> BeginRoot(ConnectionRecord record, bool async, bool implicitly, CancellationToken cancellationToken,
        IsolationLevel? isolationLevel = null)
    {
        // SQLAlchemy's rule for a transaction block: once its transaction was ended by hand, a statement may not silently begin another
        // that the block would then neither commit nor roll back.
        if (_block is { IsActive: false })
            throw ClosedInsideBlock();
        await SendBegin(record, isolationLevel ?? _isolationLevel ?? _engine.Options.IsolationLevel ?? IsolationLevel.Unspecified, implicitly,
            mayDefer: !_rawHandedOut, async, cancellationToken).ConfigureAwait(false);
        _transaction = new Transaction(this, savepoint: null);
        RaiseTransaction(TransactionEvent.Begin);
        return _transaction;
    }

    /// <summary>Sends the BEGIN that <see cref="BeginRoot"/> deferred, if it did: what runs next needs the transaction.</summary>
    private ValueTask SendDeferredBegin(ConnectionRecord record, bool async, CancellationToken cancellationToken) =>
        _beginDeferred ? SendBegin(record, _deferredLevel, _deferredImplicitly, mayDefer: false, async, cancellationToken) : default;

    /// <summary>
    /// Begins the driver transaction (Npgsql sends its BEGIN with the next statement), or, when <paramref name="mayDefer"/>
    /// and <see cref="EngineOptions.DeferBegin"/> allow it at this isolation level, notes that the BEGIN waits for the first
    /// statement that does more than read. Echo logs BEGIN when it is sent, not before.
    /// </summary>
    private async ValueTask SendBegin(ConnectionRecord record, IsolationLevel level, bool implicitly, bool mayDefer, bool async,
        CancellationToken cancellationToken)
    {
        var driver = _engine.Driver;
        var sql = "BEGIN";
        var started = 0L;
        try
        {
            // Npgsql reads "unspecified" as READ COMMITTED; the database's own default (per database, role or connection
            // option) is what a plain BEGIN would give, so that is asked for, as learnt once per driver connection.
            if (level == IsolationLevel.Unspecified)
            {
                if (record.DefaultIsolationLevel is null)
                {
                    sql = driver.DefaultIsolationQuery ?? sql;
                    record.DefaultIsolationLevel = await driver.DefaultIsolationLevel(record.DbConnection, async, cancellationToken).ConfigureAwait(false);
                    sql = "BEGIN";
                }
                level = record.DefaultIsolationLevel.Value;
            }
            if (mayDefer && _engine.Options.DeferBegin && driver.CanDeferBegin(level))
            {
                _beginDeferred = true;
                _deferredLevel = level;
                _deferredImplicitly = implicitly;
                return;
            }
            sql = driver.BeginSql(level);
            Log.Begin(_engine.Logger, _engine.EchoLevel, sql, implicitly ? "implicit" : "explicit");
            started = Stopwatch.GetTimestamp();
            record.Transaction = await driver.BeginTransaction(record, level, async, cancellationToken).ConfigureAwait(false);
            _beginDeferred = false;
        }
        catch (Exception e)
        {
            var translated = Fail(e, sql, null, cancellationToken, started);
            if (ReferenceEquals(translated, e))
                throw;
            throw translated;
        }
    }

    private async ValueTask EndRoot(bool commit, bool async)
    {
        if (_beginDeferred)
        {
            // Only plain reads ran, outside any transaction: the database has nothing to commit or roll back, and echo
            // shows nothing, as no BEGIN went out either.
            EndTransactions(commit ? TransactionEvent.Commit : TransactionEvent.Rollback);
            return;
        }
        if (_record?.Transaction is not { } driverTransaction)
        {
            // The connection was lost: nothing to send, only state to clear.
            EndTransactions(commit ? TransactionEvent.Commit : TransactionEvent.Rollback);
            return;
        }
        if (commit)
            Log.Commit(_engine.Logger, _engine.EchoLevel);
        else
            Log.Rollback(_engine.Logger, _engine.EchoLevel);
        var sql = commit ? "COMMIT" : "ROLLBACK";
        var operation = ClientOperation.Start(_engine.Telemetry, commit ? OperationNames.Commit : OperationNames.Rollback, sql);
        var started = Stopwatch.GetTimestamp();
        try
        {
            // Not cancellable once sent: a COMMIT cancelled in flight could leave unknown whether it committed (Npgsql gives up on
            // a server that does not answer its cancel in time and breaks the connection), and a ROLLBACK is the way back.
            if (async)
            {
                await (commit ? driverTransaction.CommitAsync(CancellationToken.None) : driverTransaction.RollbackAsync(CancellationToken.None)).ConfigureAwait(false);
                await driverTransaction.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                if (commit)
                    driverTransaction.Commit();
                else
                    driverTransaction.Rollback();
                driverTransaction.Dispose();
            }
            _record.Transaction = null;
        }
        catch (Exception e)
        {
            // A failed COMMIT leaves nothing to commit: the transaction is over either way. SQLite may still hold it
            // open (and its write lock), so roll back whatever the database kept before the connection is reused.
            var translated = Fail(e, sql, null, CancellationToken.None, started);
            operation.Failed(e);
            if (_record is { } record)
                AbandonDriverTransaction(record);
            EndTransactions(null);
            if (ReferenceEquals(translated, e))
                throw;
            throw translated;
        }
        operation.Succeeded();
        EndTransactions(commit ? TransactionEvent.Commit : TransactionEvent.Rollback);
    }

    private async ValueTask EndSavepoint(Transaction savepoint, string name, bool commit, bool async, CancellationToken cancellationToken)
    {
        var index = _nested!.IndexOf(savepoint);
        var record = _record!;
        if (commit)
        {
            Log.ReleaseSavepoint(_engine.Logger, _engine.EchoLevel, name);
            await Savepoint(record, OperationNames.ReleaseSavepoint, "RELEASE SAVEPOINT " + name, async, static (t, n, a, ct) => a ? t.ReleaseAsync(n, ct) : Run(() => t.Release(n)), name, cancellationToken)
                .ConfigureAwait(false);
        }
        else
        {
            Log.RollbackSavepoint(_engine.Logger, _engine.EchoLevel, name);
            await Savepoint(record, OperationNames.RollbackToSavepoint, "ROLLBACK TO SAVEPOINT " + name, async, static (t, n, a, ct) => a ? t.RollbackAsync(n, ct) : Run(() => t.Rollback(n)), name, cancellationToken)
                .ConfigureAwait(false);
        }
        for (var i = _nested.Count - 1; i >= index; i--)
        {
            _nested[i].Deactivate();
            _nested.RemoveAt(i);
        }
    }

    /// <summary>
    /// The driver transaction on the record is over for the caller: let the driver roll back whatever the database still
    /// holds (nothing, when it already ended the transaction itself); a connection that cannot even do that is discarded.
    /// </summary>
    private void AbandonDriverTransaction(ConnectionRecord record)
    {
        if (record.Transaction is not { } transaction)
            return;
        record.Transaction = null;
        try
        {
            transaction.Dispose();
        }
        catch (InvalidOperationException)
        {
            // Already completed on the driver's side: nothing left to undo.
        }
        catch (Exception e) when (e is DbException or IOException)
        {
            Discard(e, allOlder: false);
        }
    }

    /// <summary>Clears the transaction state (after commit, rollback or close) and raises the matching event.</summary>
    private void EndTransactions(TransactionEvent? raised)
    {
        DeactivateTransactions();
        _transaction = null;
        _beginDeferred = false;
        _nested?.Clear();
        if (raised is { } kind)
            RaiseTransaction(kind);
    }

    /// <summary>The connection is gone: every open transaction handle becomes inactive, but stays until rolled back.</summary>
    private void DeactivateTransactions()
    {
        _transaction?.Deactivate();
        if (_nested is null)
            return;
        foreach (var savepoint in _nested)
            savepoint.Deactivate();
    }

    private void RaiseTransaction(TransactionEvent kind)
    {
        var events = _engine.Events;
        var global = Engine.AllEvents;
        if (!events.HasTransaction && !global.HasTransaction)
            return;
        var args = new ConnectionEventArgs(this);
        events.RaiseTransaction(kind, args);
        global.RaiseTransaction(kind, args);
    }

    private async ValueTask Savepoint(ConnectionRecord record, OperationNames names, string sql, bool async,
        Func<DbTransaction, string, bool, CancellationToken, Task> send, string name, CancellationToken cancellationToken)
    {
        var operation = ClientOperation.Start(_engine.Telemetry, names, sql);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await send(record.Transaction!, name, async, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var translated = Fail(e, sql, null, cancellationToken, started);
            operation.Failed(e);
            if (ReferenceEquals(translated, e))
                throw;
            throw translated;
        }
        operation.Succeeded();
    }

    private static Task Run(Action action)
    {
        action();
        return Task.CompletedTask;
    }
}
