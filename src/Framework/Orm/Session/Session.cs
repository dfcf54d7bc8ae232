using System.Diagnostics.CodeAnalysis;
using Framework.Sql;

namespace Framework.Orm;

/// <summary>
/// The synchronous ORM session: a unit of work with an identity map over one connection and transaction at a time
/// (SQLAlchemy's <c>Session</c>). Inside <see cref="AsyncSession.RunSyncAsync(Action{Session})"/> it is the async
/// session's synchronous face; made on its own it does blocking I/O, including loading unloaded attributes when read.
/// One session belongs to one flow: concurrent use throws.
/// </summary>
public sealed class Session : IDisposable
{
    /// <summary>Creates a session over <paramref name="engine"/>.</summary>
    public Session(Engine engine, SessionOptions? options = null)
        : this(new SessionCore(engine, options ?? new SessionOptions(), standaloneSync: true))
    {
    }

    /// <summary>
    /// Creates a session bound to <paramref name="connection"/>: it works on that connection, never closes it, and joins a
    /// transaction in progress there as <see cref="SessionOptions.JoinTransactionMode"/> says.
    /// </summary>
    public Session(Connection connection, SessionOptions? options = null)
        : this(new SessionCore(connection, options ?? new SessionOptions(), standaloneSync: true))
    {
    }

    internal Session(SessionCore core)
    {
        Core = core;
        core.SyncFace = this;
    }

    internal SessionCore Core { get; }

    /// <summary>Events of every session.</summary>
    public static SessionEvents AllEvents { get; } = new();

    /// <summary>This session's events.</summary>
    public SessionEvents Events => Core.Events;

    /// <summary>The engine.</summary>
    public Engine Engine => Core.Engine;

    /// <summary>Whether a transaction is in progress.</summary>
    public bool InTransaction => Core.InTransaction;

    /// <summary>Whether a SAVEPOINT the session began (BeginNested) is in progress.</summary>
    public bool InNestedTransaction => Core.InNestedTransaction;

    /// <summary>The session's transaction in progress, begun explicitly or by autobegin; null when none is.</summary>
    public SessionTransaction? GetTransaction() => Core.GetTransaction();

    /// <summary>The innermost SAVEPOINT the session began, or null.</summary>
    public SessionTransaction? GetNestedTransaction() => Core.GetNestedTransaction();

    /// <summary>A dictionary for the application's own use, living as long as the session (SQLAlchemy's <c>session.info</c>).</summary>
    public IDictionary<string, object?> Info => Core.Info;

    /// <summary>
    /// Cancels every statement this session sends and every connection checkout it waits for when the call passed no
    /// token of its own (a token passed explicitly wins). ASP.NET Core sets it to the request's <c>RequestAborted</c>, so an
    /// aborted request stops its queries without each call passing the token. Default: none.
    /// </summary>
    public CancellationToken DefaultCancellationToken
    {
        get => Core.DefaultCancellationToken;
        set => Core.DefaultCancellationToken = value;
    }

    /// <summary>The session's default loader options: its SessionOptions' and those added since.</summary>
    public IReadOnlyList<LoaderOption> DefaultLoaderOptions => Core.DefaultLoaderOptions;

    /// <summary>
    /// Adds loader options applied to every ORM SELECT (and Get) of the entity each starts from in this session, as if
    /// written on the statement: <c>session.AddDefaultLoaderOptions(SelectInLoad&lt;A&gt;(a =&gt; a.Bs))</c>. An option the
    /// statement has for the same attribute wins. Streams get only the column options (a stream runs no relationship loader).
    /// </summary>
    public void AddDefaultLoaderOptions(params IEnumerable<LoaderOption> options) => Core.AddDefaultLoaderOptions(options);

    /// <summary>Forgets the session's default loader options.</summary>
    public void ClearDefaultLoaderOptions() => Core.ClearDefaultLoaderOptions();

    /// <summary>Instances added and not yet flushed.</summary>
    public IEnumerable<object> New => Core.New;

    /// <summary>Persistent instances with attributes set since the last flush.</summary>
    public IEnumerable<object> Dirty => Core.Dirty;

    /// <summary>Instances marked for deletion at the next flush.</summary>
    public IEnumerable<object> Deleted => Core.Deleted;

    /// <summary>Every persistent instance the session holds.</summary>
    public IEnumerable<object> IdentityMap => Core.IdentityMap;

    /// <summary>Adds an instance: a new one is inserted at the next flush; a detached one becomes persistent again.</summary>
    public void Add(object instance) => Core.Add(instance);

    /// <summary>Adds instances, in order.</summary>
    public void AddAll(IEnumerable<object> instances) => Core.AddAll(instances);

    /// <summary>Marks a persistent instance for deletion at the next flush.</summary>
    public void Delete(object instance) => Core.Delete(instance);

    /// <summary>The instance with this primary key (an array for a composite key): the identity map's with no SQL, or loaded; null when none.</summary>
    public T? Get<T>(object id, bool populateExisting = false)
        where T : class, IMapped<T> => SyncPath.Run(Core.Get<T>(false, id, populateExisting, null, default));

    /// <summary>The instance with this primary key, with the relationships <paramref name="options"/> name loaded.</summary>
    public T? Get<T>(object id, IReadOnlyList<LoaderOption> options, bool populateExisting = false)
        where T : class, IMapped<T> => SyncPath.Run(Core.Get<T>(false, id, populateExisting, options, default));

    /// <summary>The instance with this primary key; throws <see cref="NoResultException"/> when none.</summary>
    public T GetOne<T>(object id)
        where T : class, IMapped<T> => Get<T>(id) ?? throw SessionErrors.NoInstance<T>(id);

    /// <summary>Runs an ORM SELECT.</summary>
    public Result<T> Execute<T>(Select<T> statement, bool populateExisting = false)
        where T : class, IMapped<T> => SyncPath.Run(Core.Execute(false, statement, populateExisting, default));

    /// <summary>Runs a Core statement in the session's transaction.</summary>
    public Result Execute(Executable statement, object? parameters = null) =>
        SyncPath.Run(Core.Execute(false, statement, parameters, null, stream: false, default));

    /// <summary>Runs a Core statement over many parameter sets (executemany) in the session's transaction.</summary>
    public Result Execute(Executable statement, IReadOnlyList<object> parameters) =>
        SyncPath.Run(Core.Execute(false, statement, null, parameters, stream: false, default));

    /// <summary>
    /// Runs a Core statement in the session's transaction, reading the parameters from the properties of
    /// <typeparamref name="TParameters"/>, which the trimmer keeps (Native AOT safe); a list is an executemany.
    /// </summary>
    public Result Execute<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TParameters>(Executable statement, TParameters parameters) =>
        SyncPath.Run(Core.Execute(false, statement, ParameterValues.Of(parameters, out var many), many, stream: false, default));

    /// <summary>Runs a Core statement over many parameter sets (executemany), reading each set as <see cref="Execute{TParameters}(Executable, TParameters)"/> does.</summary>
    public Result Execute<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TParameters>(Executable statement, IReadOnlyList<TParameters> parameters)
        where TParameters : notnull => Execute(statement, ParameterValues.Of(parameters));

    /// <summary>Runs a Core statement over an open cursor, reading the parameters as <see cref="Execute{TParameters}(Executable, TParameters)"/> does.</summary>
    public Result Stream<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TParameters>(Executable statement, TParameters parameters) => Stream(statement, ParameterValues.Of(parameters));

    /// <summary>The first column of the first row of a Core statement, or null, reading the parameters as <see cref="Execute{TParameters}(Executable, TParameters)"/> does.</summary>
    public object? Scalar<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TParameters>(Executable statement, TParameters parameters) => Scalar(statement, ParameterValues.Of(parameters));

    /// <summary>Runs an ORM-enabled UPDATE, then synchronizes the instances the session holds of the rows it changed.</summary>
    public Result Execute<T>(Update<T> statement, SynchronizeSession synchronize = SynchronizeSession.Auto)
        where T : class, IMapped<T> => SyncPath.Run(Core.ExecuteBulk(false, statement, synchronize, default));

    /// <summary>Runs an ORM-enabled DELETE; the instances the session holds of the rows it deleted leave the identity map.</summary>
    public Result Execute<T>(Delete<T> statement, SynchronizeSession synchronize = SynchronizeSession.Auto)
        where T : class, IMapped<T> => SyncPath.Run(Core.ExecuteBulk(false, statement, synchronize, default));

    /// <summary>Runs an ORM SELECT over an open cursor: each entity is made as its row is read. Dispose the result.</summary>
    public Result<T> Stream<T>(Select<T> statement, bool populateExisting = false)
        where T : class, IMapped<T> => new(SyncPath.Run(Core.Stream(false, statement, populateExisting, default)));

    /// <summary>Runs a Core statement over an open cursor in the session's transaction.</summary>
    public Result Stream(Executable statement, object? parameters = null) =>
        SyncPath.Run(Core.Execute(false, statement, parameters, null, stream: true, default));

    /// <summary>The entities of an ORM SELECT.</summary>
    public ScalarResult<T> Scalars<T>(Select<T> statement)
        where T : class, IMapped<T> => Execute(statement).Scalars();

    /// <summary>The first entity of an ORM SELECT, or null.</summary>
    public T? Scalar<T>(Select<T> statement)
        where T : class, IMapped<T> => Execute(statement).Scalar();

    /// <summary>The first column of the first row of a Core statement, or null.</summary>
    public object? Scalar(Executable statement, object? parameters = null) => Execute(statement, parameters).Scalar();

    /// <summary>The legacy query API: <c>session.Query&lt;A&gt;().OrderBy(a =&gt; a.Id).First()</c>.</summary>
    public Query<T> Query<T>()
        where T : class, IMapped<T> => new(this, new Select<T>());

    /// <summary>Writes pending changes to the database, in the transaction.</summary>
    public void Flush() => SyncPath.Run(Core.Flush(false, default));

    /// <summary>Flushes and commits; with ExpireOnCommit, every instance is expired.</summary>
    public void Commit() => SyncPath.Run(Core.Commit(false, default));

    /// <summary>Rolls back: pending instances are expunged and persistent ones expired.</summary>
    public void Rollback() => SyncPath.Run(Core.RollbackPublic(false));

    /// <summary>Rolls back and expunges every instance; the session can be used again.</summary>
    public void Close() => SyncPath.Run(Core.Close(false));

    /// <summary>Reloads a persistent instance's attributes (only <paramref name="attributeNames"/> when given).</summary>
    public void Refresh(object instance, IReadOnlyCollection<string>? attributeNames = null) =>
        SyncPath.Run(Core.Refresh(false, instance, attributeNames, default));

    /// <summary>Expires a persistent instance's attributes (only <paramref name="attributeNames"/> when given): the next read loads them.</summary>
    public void Expire(object instance, IReadOnlyCollection<string>? attributeNames = null) => Core.Expire(instance, attributeNames);

    /// <summary>Expires every persistent instance.</summary>
    public void ExpireAll() => Core.ExpireAll();

    /// <summary>Removes an instance from the session.</summary>
    public void Expunge(object instance) => Core.Expunge(instance);

    /// <summary>Removes every instance from the session.</summary>
    public void ExpungeAll() => Core.ExpungeAll();

    /// <summary>Copies an instance's state onto this session's instance of its row, and returns that instance.</summary>
    public T Merge<T>(T instance)
        where T : class, IMapped<T> => SyncPath.Run(Core.Merge(false, instance, default));

    /// <summary>Whether an instance has attributes changed since it was loaded or flushed.</summary>
    public bool IsModified(object instance) => Core.IsModified(instance);

    /// <summary>Whether an instance belongs to this session.</summary>
    public bool Contains(object instance) => Core.Contains(instance);

    /// <summary>The session's connection, in its transaction (begun now if none is).</summary>
    public Connection Connection() => SyncPath.Run(Core.Connection(false, default));

    /// <summary>The session's connection, beginning its transaction with <paramref name="options"/>; throws once the transaction has begun.</summary>
    public Connection Connection(ExecutionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var scope = Core.Enter("Connection");
        return SyncPath.Run(Core.Connection(false, default, options: options));
    }

    /// <summary>Turns autoflush off until the returned scope is disposed.</summary>
    public IDisposable NoAutoflush() => Core.NoAutoflush();

    /// <summary>Runs <paramref name="work"/> in a transaction: commits when it returns, rolls back if it throws.</summary>
    public void Begin(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        SyncPath.Run(Core.RunInTransaction(false, nested: false, () =>
        {
            work();
            return default;
        }, default));
    }

    /// <summary>Begins the session's transaction and returns its handle; disposing it uncommitted rolls it back.</summary>
    public SessionTransaction Begin() => SyncPath.Run(Core.Begin(false, default));

    /// <summary>Begins the session's transaction with <paramref name="options"/> (its isolation level) and returns its handle.</summary>
    public SessionTransaction Begin(ExecutionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return SyncPath.Run(Core.Begin(false, default, options));
    }

    /// <summary>Flushes, then begins a SAVEPOINT and returns its handle; rolling it back undoes only what happened inside it.</summary>
    public SessionTransaction BeginNested() => SyncPath.Run(Core.BeginNested(false, default));

    /// <summary>Runs <paramref name="work"/> in a SAVEPOINT: releases it when the work returns, rolls back to it if the work throws.</summary>
    public void BeginNested(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        SyncPath.Run(Core.RunInTransaction(false, nested: true, () =>
        {
            work();
            return default;
        }, default));
    }

    /// <inheritdoc />
    public void Dispose() => Close();
}
