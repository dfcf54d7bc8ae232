using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using Framework.Sql;

namespace Framework;

/// <summary>
/// A connection checked out of an engine's pool, synchronous face: every call blocks. It is the core that
/// <see cref="AsyncConnection"/> also runs on; use it directly in synchronous code and inside <c>RunSyncAsync</c>.
/// Statements run in a transaction begun on first use (autobegin); <see cref="Commit"/> ends it. Closing the
/// connection rolls back what was not committed and returns it to the pool. One flow at a time: concurrent use
/// throws.
/// </summary>
public sealed partial class Connection : IDisposable
{
    // Size: about 1,100 lines in three parts. One connection's state (its checkout, the transaction and savepoint stack,
    // a deferred BEGIN, an open stream, the busy flag) is read by both statement execution and transaction control, so it
    // is one class split by concern: Connection.Execute.cs (statements, executemany, errors, events) and
    // Connection.Transactions.cs (BEGIN, savepoints, COMMIT and ROLLBACK).
    private readonly Engine _engine;
    // The pool the record came from, which takes it back even after the engine's pool was replaced (DisposePool).
    private Pool _pool;
    private ConnectionRecord? _record;
    private ReaderRowSource? _stream;
    private IsolationLevel? _isolationLevel;
    private bool _autocommit;
    private int _busy;
    private bool _closed;
    private AsyncConnection? _asyncFace;

    internal Connection(Engine engine, Pool pool, ConnectionRecord record)
    {
        _engine = engine;
        _pool = pool;
        _record = record;
        _autocommit = engine.Options.Autocommit;
    }

    /// <summary>The engine this connection came from.</summary>
    public Engine Engine => _engine;

    /// <summary>The dialect of the database.</summary>
    public Dialect Dialect => _engine.Dialect;

    /// <summary>Whether the connection has been closed (returned to the pool).</summary>
    public bool IsClosed => _closed;

    /// <summary>Whether the driver connection was discarded after an error or <see cref="Invalidate"/>; the next statement checks out a new one.</summary>
    public bool IsInvalidated => _record is null && !_closed;

    internal Driver Driver => _engine.Driver;

    internal AsyncConnection AsyncFace => _asyncFace ??= new AsyncConnection(this);

    /// <summary>Told of every statement that ran on this connection: what a session holding it reports through its StatementExecuted event.</summary>
    internal IStatementObserver? StatementObserver { get; set; }

    /// <summary>Runs a statement and buffers its rows.</summary>
    public Result Execute(Executable statement, object? parameters = null) =>
        SyncPath.Run(Execute(false, statement, parameters, null, stream: false, default));

    /// <summary>Runs a statement once per parameter set (executemany).</summary>
    public Result Execute(Executable statement, IReadOnlyList<object> parameters) =>
        SyncPath.Run(Execute(false, statement, null, parameters, stream: false, default));

    /// <summary>Runs a statement and returns a result reading its rows from the open cursor; dispose it before the next statement.</summary>
    public Result Stream(Executable statement, object? parameters = null) =>
        SyncPath.Run(Execute(false, statement, parameters, null, stream: true, default));

    /// <summary>The first column of the first row, or null.</summary>
    public object? Scalar(Executable statement, object? parameters = null) => Execute(statement, parameters).Scalar();

    /// <summary>The first column of the first row converted to <typeparamref name="T"/>.</summary>
    public T? Scalar<T>(Executable statement, object? parameters = null) => Execute(statement, parameters).Scalar<T>();

    /// <summary>The first column of every row.</summary>
    public ScalarResult<object?> Scalars(Executable statement, object? parameters = null) => Execute(statement, parameters).Scalars();

    /// <summary>The first column of every row, converted to <typeparamref name="T"/>.</summary>
    public ScalarResult<T> Scalars<T>(Executable statement, object? parameters = null) => Execute(statement, parameters).Scalars<T>();

    /// <summary>
    /// Runs a statement and buffers its rows, reading the parameters from the properties of <typeparamref name="TParameters"/>,
    /// which the trimmer keeps (Native AOT safe); a list is an executemany, as with the overload taking one.
    /// </summary>
    public Result Execute<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TParameters>(Executable statement, TParameters parameters) =>
        SyncPath.Run(Execute(false, statement, ParameterValues.Of(parameters, out var many), many, stream: false, default));

    /// <summary>Runs a statement once per parameter set (executemany), reading each set as <see cref="Execute{TParameters}(Executable, TParameters)"/> does.</summary>
    public Result Execute<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TParameters>(Executable statement, IReadOnlyList<TParameters> parameters)
        where TParameters : notnull => Execute(statement, ParameterValues.Of(parameters));

    /// <summary>Runs a statement over an open cursor, reading the parameters as <see cref="Execute{TParameters}(Executable, TParameters)"/> does.</summary>
    public Result Stream<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TParameters>(Executable statement, TParameters parameters) => Stream(statement, ParameterValues.Of(parameters));

    /// <summary>The first column of the first row, or null, reading the parameters as <see cref="Execute{TParameters}(Executable, TParameters)"/> does.</summary>
    public object? Scalar<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TParameters>(Executable statement, TParameters parameters) => Scalar(statement, ParameterValues.Of(parameters));

    /// <summary>The first column of every row, reading the parameters as <see cref="Execute{TParameters}(Executable, TParameters)"/> does.</summary>
    public ScalarResult<object?> Scalars<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TParameters>(Executable statement, TParameters parameters) => Scalars(statement, ParameterValues.Of(parameters));

    /// <summary>Sets options for what follows on this connection (the isolation level of its next transaction); returns this connection.</summary>
    public Connection ExecutionOptions(ExecutionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ThrowIfClosed();
        if (options.IsolationLevel is { } level)
            _isolationLevel = level;
        if (options.Autocommit is { } autocommit)
            _autocommit = autocommit;
        return this;
    }

    /// <summary>The driver's connection (an <c>NpgsqlConnection</c> or <c>SqliteConnection</c>), checked out if needed. It stays owned by the pool: do not close it.</summary>
    public DbConnection GetRawConnection() => SyncPath.Run(GetRawConnection(false, default));

    /// <summary>Discards the driver connection (it is closed, never returned to the pool); the next statement checks out a fresh one.</summary>
    public void Invalidate(Exception? exception = null)
    {
        ThrowIfClosed();
        Discard(exception, allOlder: false);
    }

    /// <summary>Rolls back anything uncommitted and returns the driver connection to the pool.</summary>
    public void Close() => SyncPath.Run(Close(false));

    /// <summary>Closes the connection.</summary>
    public void Dispose() => Close();

    internal async ValueTask<DbConnection> GetRawConnection(bool async, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Enter();
        try
        {
            // What the caller runs on it belongs to the transaction in progress, so that has begun, and no later
            // transaction on this connection defers its BEGIN. While a stream is open the driver can begin nothing: then
            // this connection's next statement sends the BEGIN.
            var record = await Checkout(async, cancellationToken).ConfigureAwait(false);
            _rawHandedOut = true;
            if (_stream is null)
                await SendDeferredBegin(record, async, cancellationToken).ConfigureAwait(false);
            return record.DbConnection;
        }
        finally
        {
            Exit();
        }
    }

    internal async ValueTask Close(bool async)
    {
        if (_closed)
            return;
        Enter();
        var record = _record;
        _record = null;
        _closed = true;
        Exception? broken = null;
        ExceptionDispatchInfo? handlerFailure = null;
        try
        {
            if (_stream is { } stream)
            {
                try
                {
                    await stream.Close(async).ConfigureAwait(false);
                }
                catch (Exception e) when (e is DbException or IOException or InvalidOperationException)
                {
                    // The cursor could not be closed cleanly (a lost connection): the connection goes, not the error.
                    broken = e;
                }
            }
            if (_transaction is not null)
            {
                try
                {
                    EndTransactions(TransactionEvent.Rollback);
                }
                catch (Exception e)
                {
                    handlerFailure = ExceptionDispatchInfo.Capture(e);
                }
            }
            if (record is not null)
            {
                // The pool's reset-on-return rolls back the driver transaction left on the record.
                if (broken is null)
                    await _pool.Checkin(record, async).ConfigureAwait(false);
                else
                    _pool.Invalidate(record, broken, allOlder: _engine.Driver.IsDisconnect(broken, record.DbConnection));
            }
        }
        finally
        {
            Exit();
        }
        handlerFailure?.Throw();
    }

    internal void StreamClosed(ReaderRowSource source)
    {
        if (ReferenceEquals(_stream, source))
            _stream = null;
    }

    /// <summary>The driver connection, checking out a new one after an invalidation.</summary>
    private async ValueTask<ConnectionRecord> Checkout(bool async, CancellationToken cancellationToken)
    {
        ThrowIfInactiveTransaction();
        if (_record is { } record)
            return record;
        var (pool, checkedOut) = await _engine.Checkout(async, cancellationToken).ConfigureAwait(false);
        _pool = pool;
        return _record = checkedOut;
    }

    private void Discard(Exception? exception, bool allOlder)
    {
        // An open stream's statement is stopped first, and the driver connection closes before the stream does, so that its
        // cursor is released without reading the rest of its rows.
        _stream?.Interrupt();
        if (_record is { } record)
        {
            _record = null;
            record.Transaction = null;
            _pool.Invalidate(record, exception, allOlder);
        }
        if (_stream is { } stream)
        {
            _stream = null;
            try
            {
                SyncPath.Run(stream.Close(false));
            }
            catch (Exception e) when (e is DbException or IOException or InvalidOperationException)
            {
                // The connection is gone; its reader's failure to close changes nothing.
            }
        }
        DeactivateTransactions();
    }

    /// <summary>Marks the connection busy; a second operation while one runs is a bug in the caller's concurrency.</summary>
    private void Enter()
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0)
        {
            throw new InvalidOperationException(
                "This connection is already running an operation: two flows are using it at once. A connection (and a session) " +
                "serves one flow at a time; give each concurrent task its own, from engine.ConnectAsync() or a new session.");
        }
    }

    private void Exit() => Volatile.Write(ref _busy, 0);

    private void ThrowIfClosed()
    {
        if (_closed)
            throw new InvalidOperationException("This connection is closed. Open a new one with engine.ConnectAsync() (or Connect()).");
    }

    /// <summary>A transaction the connection lost (or the database rolled back) must be acknowledged before anything else runs.</summary>
    private void ThrowIfInactiveTransaction()
    {
        if (_transaction is { IsActive: false })
        {
            throw new InvalidOperationException(_record is null
                ? "Can't reconnect until the invalid transaction is rolled back: the connection was lost in the middle of a transaction. " +
                  "Call Rollback()/RollbackAsync() (no SQL is sent), then run the transaction's work again."
                : "This connection's transaction is inactive: a statement in it was cancelled, or the database rolled it back (a failed " +
                  "commit). Call Rollback()/RollbackAsync() to end it, then run the transaction's work again.");
        }
    }

    private void ThrowIfStreaming()
    {
        if (_stream is not null)
        {
            throw new InvalidOperationException(
                "This connection has an open streaming result. Read it to the end or dispose it (await using) before running another statement, " +
                "or use ExecuteAsync, which buffers the rows.");
        }
    }
}
