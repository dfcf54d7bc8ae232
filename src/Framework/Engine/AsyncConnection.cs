using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Framework.Sql;

namespace Framework;

/// <summary>
/// A connection checked out of an engine's pool, asynchronous face (SQLAlchemy's <c>AsyncConnection</c>).
/// <c>ExecuteAsync</c> buffers rows into a <see cref="Result"/>; <c>StreamAsync</c> reads them from an open cursor.
/// Statements autobegin a transaction; <c>await using</c> returns the connection to the pool, rolling back
/// whatever was not committed. Serves one flow at a time.
/// </summary>
public sealed partial class AsyncConnection : IAsyncDisposable
{
    internal AsyncConnection(Connection connection) => SyncConnection = connection;

    /// <summary>The synchronous face of this same connection, for code that must block (see <see cref="RunSyncAsync(Action{Connection})"/>).</summary>
    public Connection SyncConnection { get; }

    /// <summary>The engine this connection came from.</summary>
    public AsyncEngine Engine => SyncConnection.Engine.AsyncFace;

    /// <summary>Whether the connection has been closed.</summary>
    public bool IsClosed => SyncConnection.IsClosed;

    /// <summary>Whether the driver connection was discarded after an error; the next statement checks out a new one.</summary>
    public bool IsInvalidated => SyncConnection.IsInvalidated;

    /// <summary>Whether a transaction is in progress.</summary>
    public bool InTransaction => SyncConnection.InTransaction;

    /// <summary>Whether a SAVEPOINT is in progress.</summary>
    public bool InNestedTransaction => SyncConnection.InNestedTransaction;

    /// <summary>Runs a statement and buffers its rows.</summary>
    public ValueTask<Result> ExecuteAsync(Executable statement, object? parameters = null, CancellationToken cancellationToken = default) =>
        SyncConnection.Execute(true, statement, parameters, null, stream: false, cancellationToken);

    /// <summary>Runs a statement once per parameter set (executemany), e.g. <c>[new { name = "a" }, new { name = "b" }]</c>.</summary>
    public ValueTask<Result> ExecuteAsync(Executable statement, IReadOnlyList<object> parameters, CancellationToken cancellationToken = default) =>
        SyncConnection.Execute(true, statement, null, parameters, stream: false, cancellationToken);

    /// <summary>
    /// Runs a statement and buffers its rows, reading the parameters from the properties of <typeparamref name="TParameters"/>,
    /// which the trimmer keeps (Native AOT safe); a list is an executemany, as with the overload taking one.
    /// </summary>
    public ValueTask<Result> ExecuteAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TParameters>(Executable statement,
        TParameters parameters, CancellationToken cancellationToken = default) =>
        SyncConnection.Execute(true, statement, ParameterValues.Of(parameters, out var many), many, stream: false, cancellationToken);

    /// <summary>
    /// Runs a statement once per parameter set (executemany), e.g. <c>[new { name = "a" }, new { name = "b" }]</c>, reading
    /// each set as <see cref="ExecuteAsync{TParameters}(Executable, TParameters, CancellationToken)"/> does.
    /// </summary>
    public ValueTask<Result> ExecuteAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TParameters>(Executable statement,
        IReadOnlyList<TParameters> parameters, CancellationToken cancellationToken = default)
        where TParameters : notnull => ExecuteAsync(statement, ParameterValues.Of(parameters), cancellationToken);

    /// <summary>Runs a statement over an open cursor, reading the parameters as <see cref="ExecuteAsync{TParameters}(Executable, TParameters, CancellationToken)"/> does.</summary>
    public ValueTask<AsyncResult> StreamAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TParameters>(Executable statement, TParameters parameters,
        CancellationToken cancellationToken = default) => StreamAsync(statement, ParameterValues.Of(parameters), cancellationToken);

    /// <summary>The first column of the first row, or null, reading the parameters as <see cref="ExecuteAsync{TParameters}(Executable, TParameters, CancellationToken)"/> does.</summary>
    public ValueTask<object?> ScalarAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TParameters>(Executable statement, TParameters parameters,
        CancellationToken cancellationToken = default) => ScalarAsync(statement, ParameterValues.Of(parameters), cancellationToken);

    /// <summary>The first column of every row, reading the parameters as <see cref="ExecuteAsync{TParameters}(Executable, TParameters, CancellationToken)"/> does.</summary>
    public ValueTask<ScalarResult<object?>> ScalarsAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TParameters>(Executable statement, TParameters parameters,
        CancellationToken cancellationToken = default) => ScalarsAsync(statement, ParameterValues.Of(parameters), cancellationToken);

    /// <summary>Runs a statement and returns a result reading rows as they arrive; dispose it before the next statement.</summary>
    public async ValueTask<AsyncResult> StreamAsync(Executable statement, object? parameters = null, CancellationToken cancellationToken = default) =>
        new((await SyncConnection.Execute(true, statement, parameters, null, stream: true, cancellationToken).ConfigureAwait(false)).Core);

    /// <summary>Streams the first column of each row.</summary>
    public async ValueTask<AsyncScalarResult<T>> StreamScalarsAsync<T>(Executable statement, object? parameters = null, CancellationToken cancellationToken = default) =>
        (await StreamAsync(statement, parameters, cancellationToken).ConfigureAwait(false)).Scalars<T>();

    /// <summary>The first column of the first row, or null.</summary>
    public async ValueTask<object?> ScalarAsync(Executable statement, object? parameters = null, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(statement, parameters, cancellationToken).ConfigureAwait(false)).Scalar();

    /// <summary>The first column of the first row converted to <typeparamref name="T"/>.</summary>
    public async ValueTask<T?> ScalarAsync<T>(Executable statement, object? parameters = null, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(statement, parameters, cancellationToken).ConfigureAwait(false)).Scalar<T>();

    /// <summary>The first column of every row.</summary>
    public async ValueTask<ScalarResult<object?>> ScalarsAsync(Executable statement, object? parameters = null, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(statement, parameters, cancellationToken).ConfigureAwait(false)).Scalars();

    /// <summary>The first column of every row, converted to <typeparamref name="T"/>.</summary>
    public async ValueTask<ScalarResult<T>> ScalarsAsync<T>(Executable statement, object? parameters = null, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(statement, parameters, cancellationToken).ConfigureAwait(false)).Scalars<T>();

    /// <summary>
    /// Hands the synchronous <see cref="Connection"/> to <paramref name="work"/> and runs it on this flow. Blocking
    /// calls inside it do real, blocking I/O: keep it for code that must be synchronous (DDL helpers, inspectors).
    /// </summary>
    public Task RunSyncAsync(Action<Connection> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return SyncWork.Run(() => work(SyncConnection));
    }

    /// <summary>Hands the synchronous <see cref="Connection"/> to <paramref name="work"/> and returns what it returns.</summary>
    public Task<T> RunSyncAsync<T>(Func<Connection, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return SyncWork.Run(() => work(SyncConnection));
    }

    /// <summary>Begins a transaction; <c>await using</c> the handle, and commit it with <see cref="AsyncTransaction.CommitAsync"/>.</summary>
    public async ValueTask<AsyncTransaction> BeginAsync(CancellationToken cancellationToken = default) =>
        (await SyncConnection.Begin(true, cancellationToken).ConfigureAwait(false)).AsyncFace;

    /// <summary>Runs <paramref name="work"/> in a new transaction: commits when it completes, rolls back if it throws.</summary>
    public Task BeginAsync(Func<Task> work, CancellationToken cancellationToken = default) => RunInTransaction(nested: false, work, cancellationToken);

    /// <summary>Begins a SAVEPOINT; <c>await using</c> the handle.</summary>
    public async ValueTask<AsyncTransaction> BeginNestedAsync(CancellationToken cancellationToken = default) =>
        (await SyncConnection.BeginNested(true, cancellationToken).ConfigureAwait(false)).AsyncFace;

    /// <summary>Runs <paramref name="work"/> in a SAVEPOINT: releases it when it completes, rolls back to it if it throws.</summary>
    public Task BeginNestedAsync(Func<Task> work, CancellationToken cancellationToken = default) => RunInTransaction(nested: true, work, cancellationToken);

    /// <summary>The transaction in progress, if any.</summary>
    public AsyncTransaction? GetTransaction() => SyncConnection.GetTransaction()?.AsyncFace;

    /// <summary>The innermost SAVEPOINT in progress, if any.</summary>
    public AsyncTransaction? GetNestedTransaction() => SyncConnection.GetNestedTransaction()?.AsyncFace;

    /// <summary>Commits the transaction in progress, if any.</summary>
    public ValueTask CommitAsync(CancellationToken cancellationToken = default) => SyncConnection.CommitRoot(true, cancellationToken);

    /// <summary>Rolls back the transaction in progress, if any.</summary>
    public ValueTask RollbackAsync(CancellationToken cancellationToken = default) => SyncConnection.RollbackRoot(true, cancellationToken);

    /// <summary>Sets options for what follows on this connection; returns this connection.</summary>
    public AsyncConnection ExecutionOptions(ExecutionOptions options)
    {
        SyncConnection.ExecutionOptions(options);
        return this;
    }

    /// <summary>The driver's connection, owned by the pool: do not close it.</summary>
    public ValueTask<DbConnection> GetRawConnectionAsync(CancellationToken cancellationToken = default) =>
        SyncConnection.GetRawConnection(true, cancellationToken);

    /// <summary>Discards the driver connection; the next statement checks out a fresh one.</summary>
    public ValueTask InvalidateAsync(Exception? exception = null)
    {
        SyncConnection.Invalidate(exception);
        return default;
    }

    private async Task RunInTransaction(bool nested, Func<Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await SyncConnection.RunInTransaction(true, nested, async () =>
        {
            await work().ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rolls back anything uncommitted and returns the driver connection to the pool.</summary>
    public ValueTask CloseAsync() => SyncConnection.Close(true);

    /// <summary>Closes the connection.</summary>
    public ValueTask DisposeAsync() => CloseAsync();
}
