using System.Diagnostics.CodeAnalysis;
using Framework.Sql;

namespace Framework.Orm;

/// <summary>
/// The ORM session for async code (SQLAlchemy's <c>AsyncSession</c>): a unit of work with an identity map, over one
/// connection and transaction at a time, that never does hidden I/O: reading an attribute that is not loaded throws
/// <see cref="LazyLoadException"/> instead of querying (load it with <c>AwaitableAttrs</c>, a loader option, or inside
/// <see cref="RunSyncAsync(Action{Session})"/>). One session belongs to one flow: concurrent use throws.
/// </summary>
public sealed class AsyncSession : IAsyncDisposable
{
    /// <summary>Creates a session over <paramref name="engine"/>.</summary>
    public AsyncSession(AsyncEngine engine, SessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        SyncSession = new Session(new SessionCore(engine.SyncEngine, options ?? new SessionOptions(), standaloneSync: false));
        Core.AsyncFace = this;
    }

    /// <summary>
    /// Creates a session bound to <paramref name="connection"/>: it works on that connection, never closes it, and joins a
    /// transaction in progress there as <see cref="SessionOptions.JoinTransactionMode"/> says (SQLAlchemy's
    /// <c>Session(bind=connection)</c>). With <see cref="JoinTransactionMode.CreateSavepoint"/>, a test can run code that
    /// commits inside a transaction it rolls back at the end.
    /// </summary>
    public AsyncSession(AsyncConnection connection, SessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        SyncSession = new Session(new SessionCore(connection.SyncConnection, options ?? new SessionOptions(), standaloneSync: false));
        Core.AsyncFace = this;
    }

    /// <summary>The synchronous face of this session (what RunSyncAsync and event handlers are given).</summary>
    public Session SyncSession { get; }

    private SessionCore Core => SyncSession.Core;

    /// <inheritdoc cref="Session.InTransaction"/>
    public bool InTransaction => Core.InTransaction;

    /// <summary>Whether a SAVEPOINT the session began (BeginNestedAsync) is in progress.</summary>
    public bool InNestedTransaction => Core.InNestedTransaction;

    /// <inheritdoc cref="Session.GetTransaction"/>
    public AsyncSessionTransaction? GetTransaction() => Core.GetTransaction()?.AsyncFace;

    /// <inheritdoc cref="Session.GetNestedTransaction"/>
    public AsyncSessionTransaction? GetNestedTransaction() => Core.GetNestedTransaction()?.AsyncFace;

    /// <summary>This session's events (the same as <c>SyncSession.Events</c>).</summary>
    public SessionEvents Events => Core.Events;

    /// <inheritdoc cref="Session.Info"/>
    public IDictionary<string, object?> Info => Core.Info;

    /// <inheritdoc cref="Session.DefaultCancellationToken"/>
    public CancellationToken DefaultCancellationToken
    {
        get => Core.DefaultCancellationToken;
        set => Core.DefaultCancellationToken = value;
    }

    /// <inheritdoc cref="Session.DefaultLoaderOptions"/>
    public IReadOnlyList<LoaderOption> DefaultLoaderOptions => Core.DefaultLoaderOptions;

    /// <inheritdoc cref="Session.AddDefaultLoaderOptions"/>
    public void AddDefaultLoaderOptions(params IEnumerable<LoaderOption> options) => Core.AddDefaultLoaderOptions(options);

    /// <inheritdoc cref="Session.ClearDefaultLoaderOptions"/>
    public void ClearDefaultLoaderOptions() => Core.ClearDefaultLoaderOptions();

    /// <inheritdoc cref="Session.New"/>
    public IEnumerable<object> New => Core.New;

    /// <inheritdoc cref="Session.Dirty"/>
    public IEnumerable<object> Dirty => Core.Dirty;

    /// <inheritdoc cref="Session.Deleted"/>
    public IEnumerable<object> Deleted => Core.Deleted;

    /// <inheritdoc cref="Session.IdentityMap"/>
    public IEnumerable<object> IdentityMap => Core.IdentityMap;

    /// <inheritdoc cref="Session.Add"/>
    public void Add(object instance) => Core.Add(instance);

    /// <inheritdoc cref="Session.AddAll"/>
    public void AddAll(IEnumerable<object> instances) => Core.AddAll(instances);

    /// <inheritdoc cref="Session.Delete"/>
    public ValueTask DeleteAsync(object instance)
    {
        Core.Delete(instance);
        return default;
    }

    /// <inheritdoc cref="Session.Get{T}(object, bool)"/>
    public ValueTask<T?> GetAsync<T>(object id, bool populateExisting = false, CancellationToken cancellationToken = default)
        where T : class, IMapped<T> => Core.Get<T>(true, id, populateExisting, null, cancellationToken);

    /// <summary>The instance with this primary key, with the relationships <paramref name="options"/> name loaded (<c>GetAsync&lt;A&gt;(1, [SelectInLoad&lt;A&gt;(a =&gt; a.Bs)])</c>).</summary>
    public ValueTask<T?> GetAsync<T>(object id, IReadOnlyList<LoaderOption> options, bool populateExisting = false, CancellationToken cancellationToken = default)
        where T : class, IMapped<T> => Core.Get<T>(true, id, populateExisting, options, cancellationToken);

    /// <inheritdoc cref="Session.GetOne{T}"/>
    public async ValueTask<T> GetOneAsync<T>(object id, CancellationToken cancellationToken = default)
        where T : class, IMapped<T> =>
        await GetAsync<T>(id, cancellationToken: cancellationToken).ConfigureAwait(false) ?? throw SessionErrors.NoInstance<T>(id);

    /// <summary>Runs an ORM SELECT (autoflushing first); the entities are buffered.</summary>
    public async ValueTask<Result<T>> ExecuteAsync<T>(Select<T> statement, bool populateExisting = false, CancellationToken cancellationToken = default)
        where T : class, IMapped<T> => await Core.Execute(true, statement, populateExisting, cancellationToken).ConfigureAwait(false);

    /// <summary>Runs a Core statement in the session's transaction (autoflushing first); the rows are buffered.</summary>
    public ValueTask<Result> ExecuteAsync(Executable statement, object? parameters = null, CancellationToken cancellationToken = default) =>
        Core.Execute(true, statement, parameters, null, stream: false, cancellationToken);

    /// <inheritdoc cref="Session.Execute(Executable, IReadOnlyList{object})"/>
    public ValueTask<Result> ExecuteAsync(Executable statement, IReadOnlyList<object> parameters, CancellationToken cancellationToken = default) =>
        Core.Execute(true, statement, null, parameters, stream: false, cancellationToken);

    /// <inheritdoc cref="Session.Execute{TParameters}(Executable, TParameters)"/>
    public ValueTask<Result> ExecuteAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TParameters>(Executable statement, TParameters parameters,
        CancellationToken cancellationToken = default) =>
        Core.Execute(true, statement, ParameterValues.Of(parameters, out var many), many, stream: false, cancellationToken);

    /// <inheritdoc cref="Session.Execute{TParameters}(Executable, IReadOnlyList{TParameters})"/>
    public ValueTask<Result> ExecuteAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TParameters>(Executable statement, IReadOnlyList<TParameters> parameters,
        CancellationToken cancellationToken = default)
        where TParameters : notnull => ExecuteAsync(statement, ParameterValues.Of(parameters), cancellationToken);

    /// <inheritdoc cref="Session.Stream{TParameters}(Executable, TParameters)"/>
    public ValueTask<AsyncResult> StreamAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TParameters>(Executable statement, TParameters parameters,
        CancellationToken cancellationToken = default) => StreamAsync(statement, ParameterValues.Of(parameters), cancellationToken);

    /// <inheritdoc cref="Session.Scalar{TParameters}(Executable, TParameters)"/>
    public ValueTask<object?> ScalarAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TParameters>(Executable statement, TParameters parameters,
        CancellationToken cancellationToken = default) => ScalarAsync(statement, ParameterValues.Of(parameters), cancellationToken);

    /// <summary>
    /// Runs an ORM-enabled UPDATE (autoflushing first), then synchronizes the instances the session holds of the rows
    /// it changed; the result's RowCount is the number of rows matched.
    /// </summary>
    public ValueTask<Result> ExecuteAsync<T>(Update<T> statement, SynchronizeSession synchronize = SynchronizeSession.Auto, CancellationToken cancellationToken = default)
        where T : class, IMapped<T> => Core.ExecuteBulk(true, statement, synchronize, cancellationToken);

    /// <summary>
    /// Runs an ORM-enabled DELETE (autoflushing first); the instances the session holds of the rows it deleted leave the
    /// identity map. The result's RowCount is the number of rows matched.
    /// </summary>
    public ValueTask<Result> ExecuteAsync<T>(Delete<T> statement, SynchronizeSession synchronize = SynchronizeSession.Auto, CancellationToken cancellationToken = default)
        where T : class, IMapped<T> => Core.ExecuteBulk(true, statement, synchronize, cancellationToken);

    /// <summary>
    /// Runs an ORM SELECT over an open cursor (autoflushing first): each entity is made as its row arrives. Iterate
    /// the result with <c>await foreach</c> and dispose it; the session runs no other statement until then.
    /// </summary>
    public async ValueTask<AsyncResult<T>> StreamAsync<T>(Select<T> statement, bool populateExisting = false, CancellationToken cancellationToken = default)
        where T : class, IMapped<T> => new(await Core.Stream(true, statement, populateExisting, cancellationToken).ConfigureAwait(false));

    /// <summary>The entities of an ORM SELECT, streamed over an open cursor (<c>await foreach (var a in await session.StreamScalarsAsync(stmt))</c>).</summary>
    public async ValueTask<AsyncScalarResult<T>> StreamScalarsAsync<T>(Select<T> statement, CancellationToken cancellationToken = default)
        where T : class, IMapped<T> => (await StreamAsync(statement, cancellationToken: cancellationToken).ConfigureAwait(false)).Scalars();

    /// <summary>Runs a Core statement over an open cursor in the session's transaction (autoflushing first).</summary>
    public async ValueTask<AsyncResult> StreamAsync(Executable statement, object? parameters = null, CancellationToken cancellationToken = default) =>
        new((await Core.Execute(true, statement, parameters, null, stream: true, cancellationToken).ConfigureAwait(false)).Core);

    /// <inheritdoc cref="Session.Scalars{T}"/>
    public async ValueTask<ScalarResult<T>> ScalarsAsync<T>(Select<T> statement, CancellationToken cancellationToken = default)
        where T : class, IMapped<T> => (await ExecuteAsync(statement, cancellationToken: cancellationToken).ConfigureAwait(false)).Scalars();

    /// <inheritdoc cref="Session.Scalar{T}(Select{T})"/>
    public async ValueTask<T?> ScalarAsync<T>(Select<T> statement, CancellationToken cancellationToken = default)
        where T : class, IMapped<T> => (await ExecuteAsync(statement, cancellationToken: cancellationToken).ConfigureAwait(false)).Scalar();

    /// <inheritdoc cref="Session.Scalar(Executable, object?)"/>
    public async ValueTask<object?> ScalarAsync(Executable statement, object? parameters = null, CancellationToken cancellationToken = default) =>
        (await ExecuteAsync(statement, parameters, cancellationToken).ConfigureAwait(false)).Scalar();

    /// <inheritdoc cref="Session.Flush"/>
    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => Core.Flush(true, cancellationToken);

    /// <inheritdoc cref="Session.Commit"/>
    public ValueTask CommitAsync(CancellationToken cancellationToken = default) => Core.Commit(true, cancellationToken);

    /// <inheritdoc cref="Session.Rollback"/>
    public ValueTask RollbackAsync() => Core.RollbackPublic(true);

    /// <inheritdoc cref="Session.Close"/>
    public ValueTask CloseAsync() => Core.Close(true);

    /// <summary>The same as <see cref="CloseAsync"/> (SQLAlchemy's reset).</summary>
    public ValueTask ResetAsync() => Core.Close(true);

    /// <inheritdoc cref="Session.Refresh"/>
    public ValueTask RefreshAsync(object instance, IReadOnlyCollection<string>? attributeNames = null, CancellationToken cancellationToken = default) =>
        Core.Refresh(true, instance, attributeNames, cancellationToken);

    /// <summary>Reloads a persistent instance's columns, and the relationships <paramref name="options"/> name (<c>RefreshAsync(a, [SelectInLoad&lt;A&gt;(a =&gt; a.Bs)])</c>).</summary>
    public async ValueTask RefreshAsync(object instance, IReadOnlyList<LoaderOption> options, CancellationToken cancellationToken = default)
    {
        await RefreshAsync(instance, cancellationToken: cancellationToken).ConfigureAwait(false);
        await Core.LoadWith(true, ((IMapped)instance).EntityState, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Expires a persistent instance's attributes (only <paramref name="attributeNames"/> when given): reading them then needs an explicit load.</summary>
    public void Expire(object instance, IReadOnlyCollection<string>? attributeNames = null) => Core.Expire(instance, attributeNames);

    /// <inheritdoc cref="Session.ExpireAll"/>
    public void ExpireAll() => Core.ExpireAll();

    /// <inheritdoc cref="Session.Expunge"/>
    public void Expunge(object instance) => Core.Expunge(instance);

    /// <inheritdoc cref="Session.ExpungeAll"/>
    public void ExpungeAll() => Core.ExpungeAll();

    /// <summary>Copies an instance's state onto this session's instance of its row (loading it if needed), and returns that instance.</summary>
    public ValueTask<T> MergeAsync<T>(T instance, CancellationToken cancellationToken = default)
        where T : class, IMapped<T> => Core.Merge(true, instance, cancellationToken);

    /// <summary>Merges an instance, then loads the relationships <paramref name="options"/> name on the merged instance.</summary>
    public async ValueTask<T> MergeAsync<T>(T instance, IReadOnlyList<LoaderOption> options, CancellationToken cancellationToken = default)
        where T : class, IMapped<T>
    {
        var merged = await MergeAsync(instance, cancellationToken).ConfigureAwait(false);
        await Core.LoadWith(true, merged.EntityState, options, cancellationToken).ConfigureAwait(false);
        return merged;
    }

    /// <inheritdoc cref="Session.IsModified"/>
    public bool IsModified(object instance) => Core.IsModified(instance);

    /// <inheritdoc cref="Session.Contains"/>
    public bool Contains(object instance) => Core.Contains(instance);

    /// <inheritdoc cref="Session.Connection()"/>
    public async ValueTask<AsyncConnection> ConnectionAsync(CancellationToken cancellationToken = default) =>
        (await Core.Connection(true, cancellationToken).ConfigureAwait(false)).AsyncFace;

    /// <summary>
    /// The session's connection, beginning its transaction with <paramref name="options"/> (its isolation level). Call it
    /// before anything else runs in the transaction: once the transaction has begun, this throws.
    /// </summary>
    public async ValueTask<AsyncConnection> ConnectionAsync(ExecutionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var scope = Core.Enter("Connection");
        return (await Core.Connection(true, cancellationToken, options: options).ConfigureAwait(false)).AsyncFace;
    }

    /// <inheritdoc cref="Session.NoAutoflush"/>
    public IDisposable NoAutoflush() => Core.NoAutoflush();

    /// <summary>Runs <paramref name="work"/> in a new transaction: commits when it returns, rolls back if it throws.</summary>
    public Task BeginAsync(Action work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Core.RunInTransaction(true, nested: false, () =>
        {
            work();
            return default;
        }, cancellationToken).AsTask();
    }

    /// <summary>Runs <paramref name="work"/> in a new transaction: commits when it completes, rolls back if it throws.</summary>
    public Task BeginAsync(Func<Task> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Core.RunInTransaction(true, nested: false, () => new ValueTask(work()), cancellationToken).AsTask();
    }

    /// <summary>
    /// Begins the session's transaction and returns its handle (<c>await using var tx = await session.BeginAsync()</c>):
    /// commit it with <c>tx.CommitAsync()</c>; disposing it uncommitted rolls it back.
    /// </summary>
    public async ValueTask<AsyncSessionTransaction> BeginAsync(CancellationToken cancellationToken = default) =>
        (await Core.Begin(true, cancellationToken).ConfigureAwait(false)).AsyncFace;

    /// <inheritdoc cref="Session.Begin(ExecutionOptions)"/>
    public async ValueTask<AsyncSessionTransaction> BeginAsync(ExecutionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (await Core.Begin(true, cancellationToken, options).ConfigureAwait(false)).AsyncFace;
    }

    /// <summary>
    /// Flushes, then begins a SAVEPOINT (beginning the transaction first if needed) and returns its handle. Rolling it
    /// back undoes only what happened inside it: instances added there are expunged, those deleted come back, those
    /// changed are expired. Disposing it uncommitted rolls it back.
    /// </summary>
    public async ValueTask<AsyncSessionTransaction> BeginNestedAsync(CancellationToken cancellationToken = default) =>
        (await Core.BeginNested(true, cancellationToken).ConfigureAwait(false)).AsyncFace;

    /// <summary>Runs <paramref name="work"/> in a SAVEPOINT: releases it when the work completes, rolls back to it if the work throws.</summary>
    public Task BeginNestedAsync(Func<Task> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Core.RunInTransaction(true, nested: true, () => new ValueTask(work()), cancellationToken).AsTask();
    }

    /// <summary>
    /// Runs <paramref name="work"/> with the synchronous <see cref="Session"/>: there, reading an unloaded attribute
    /// loads it with blocking I/O. Keep it for code that must be synchronous.
    /// </summary>
    public Task RunSyncAsync(Action<Session> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return SyncWork.Run(() => Core.RunSync(() =>
        {
            work(SyncSession);
            return true;
        }));
    }

    /// <summary>Runs <paramref name="work"/> with the synchronous <see cref="Session"/> and returns what it returns.</summary>
    public Task<T> RunSyncAsync<T>(Func<Session, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return SyncWork.Run(() => Core.RunSync(() => work(SyncSession)));
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => CloseAsync();
}
