using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Framework.Sql;

namespace Framework.Orm;

/// <summary>
/// One <see cref="AsyncSession"/> per scope (SQLAlchemy's <c>async_scoped_session</c>): the scope function
/// names the current scope (an HttpContext, a unit of work object), <see cref="Current"/> is that scope's session,
/// made on first use, and every member of the session's API is proxied to it. <see cref="RemoveAsync"/> closes the
/// current scope's session and forgets it; call it when the scope ends.
/// </summary>
/// <remarks>
/// The scope function returns the current scope: an object whose identity is the scope. Sessions are held weakly by
/// scope, so a scope that is gone does not keep its session alive; still, call <see cref="RemoveAsync"/> to close it and
/// return its connection.
/// </remarks>
public sealed class AsyncScopedSession
{
    private readonly ConditionalWeakTable<object, AsyncSession>.CreateValueCallback _create;
    private readonly Func<object?> _scopeFunc;
    private readonly ConditionalWeakTable<object, AsyncSession> _sessions = [];

    /// <summary>A scoped session whose scopes' sessions <paramref name="sessionFactory"/> makes.</summary>
    /// <param name="sessionFactory">Makes each scope's session.</param>
    /// <param name="scopeFunc">Returns the current scope (see the class remarks).</param>
    public AsyncScopedSession(AsyncSessionMaker sessionFactory, Func<object?> scopeFunc)
    {
        SessionFactory = sessionFactory ?? throw new ArgumentNullException(nameof(sessionFactory));
        _create = _ => sessionFactory.Create();
        _scopeFunc = scopeFunc ?? throw new ArgumentNullException(nameof(scopeFunc));
    }

    /// <summary>
    /// A scoped session whose scopes' sessions <paramref name="createSession"/> makes, given the scope (SQLAlchemy's
    /// <c>scoped_session</c> takes any callable). A host that keeps its own session per scope returns that one, so that
    /// <see cref="Current"/> is the very instance the host hands out.
    /// </summary>
    /// <param name="createSession">Makes the session of the scope it is given.</param>
    /// <param name="scopeFunc">Returns the current scope (see the class remarks).</param>
    public AsyncScopedSession(Func<object, AsyncSession> createSession, Func<object?> scopeFunc)
    {
        ArgumentNullException.ThrowIfNull(createSession);
        _create = scope => createSession(scope);
        _scopeFunc = scopeFunc ?? throw new ArgumentNullException(nameof(scopeFunc));
    }

    /// <summary>The maker of each scope's session, or null when the scoped session was given a function instead.</summary>
    public AsyncSessionMaker? SessionFactory { get; }

    /// <summary>The session of the current scope, made on first use.</summary>
    public AsyncSession Current => _sessions.GetValue(Scope(), _create);

    /// <summary>Whether the current scope has a session yet.</summary>
    public bool HasSession => _sessions.TryGetValue(Scope(), out _);

    private object Scope()
    {
        var scope = _scopeFunc() ?? throw new InvalidOperationException(
            "The scopeFunc of this AsyncScopedSession returned null: there is no current scope (for an HttpContext, the code runs outside a " +
            "request). Use the scoped session only inside a scope, or make a session of your own (an AsyncSessionMaker's Create()).");
        if (scope.GetType().IsValueType)
        {
            throw new InvalidOperationException(
                $"The scopeFunc of this AsyncScopedSession returned {Articles.With(scope.GetType().Name)}, a value: a scope must be an object whose identity is the " +
                "scope (an HttpContext, a Task, an object made per unit of work), since each boxed value would be a new scope.");
        }
        return scope;
    }

    /// <summary>Closes the current scope's session, if it has one, and forgets it; the next use makes a new one.</summary>
    public async ValueTask RemoveAsync()
    {
        var scope = Scope();
        if (_sessions.TryGetValue(scope, out var session))
        {
            _sessions.Remove(scope);
            await session.CloseAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc cref="AsyncSession.SyncSession"/>
    public Session SyncSession => Current.SyncSession;

    /// <inheritdoc cref="AsyncSession.InTransaction"/>
    public bool InTransaction => Current.InTransaction;

    /// <inheritdoc cref="AsyncSession.InNestedTransaction"/>
    public bool InNestedTransaction => Current.InNestedTransaction;

    /// <inheritdoc cref="AsyncSession.GetTransaction"/>
    public AsyncSessionTransaction? GetTransaction() => Current.GetTransaction();

    /// <inheritdoc cref="AsyncSession.GetNestedTransaction"/>
    public AsyncSessionTransaction? GetNestedTransaction() => Current.GetNestedTransaction();

    /// <inheritdoc cref="AsyncSession.Events"/>
    public SessionEvents Events => Current.Events;

    /// <inheritdoc cref="AsyncSession.Info"/>
    public IDictionary<string, object?> Info => Current.Info;

    /// <inheritdoc cref="AsyncSession.DefaultCancellationToken"/>
    public CancellationToken DefaultCancellationToken
    {
        get => Current.DefaultCancellationToken;
        set => Current.DefaultCancellationToken = value;
    }

    /// <inheritdoc cref="AsyncSession.DefaultLoaderOptions"/>
    public IReadOnlyList<LoaderOption> DefaultLoaderOptions => Current.DefaultLoaderOptions;

    /// <inheritdoc cref="AsyncSession.AddDefaultLoaderOptions"/>
    public void AddDefaultLoaderOptions(params IEnumerable<LoaderOption> options) => Current.AddDefaultLoaderOptions(options);

    /// <inheritdoc cref="AsyncSession.ClearDefaultLoaderOptions"/>
    public void ClearDefaultLoaderOptions() => Current.ClearDefaultLoaderOptions();

    /// <inheritdoc cref="AsyncSession.New"/>
    public IEnumerable<object> New => Current.New;

    /// <inheritdoc cref="AsyncSession.Dirty"/>
    public IEnumerable<object> Dirty => Current.Dirty;

    /// <inheritdoc cref="AsyncSession.Deleted"/>
    public IEnumerable<object> Deleted => Current.Deleted;

    /// <inheritdoc cref="AsyncSession.IdentityMap"/>
    public IEnumerable<object> IdentityMap => Current.IdentityMap;

    /// <inheritdoc cref="AsyncSession.Add"/>
    public void Add(object instance) => Current.Add(instance);

    /// <inheritdoc cref="AsyncSession.AddAll"/>
    public void AddAll(IEnumerable<object> instances) => Current.AddAll(instances);

    /// <inheritdoc cref="AsyncSession.DeleteAsync"/>
    public ValueTask DeleteAsync(object instance) => Current.DeleteAsync(instance);

    /// <inheritdoc cref="AsyncSession.GetAsync{T}(object, bool, CancellationToken)"/>
    public ValueTask<T?> GetAsync<T>(object id, bool populateExisting = false, CancellationToken cancellationToken = default)
        where T : class, IMapped<T> => Current.GetAsync<T>(id, populateExisting, cancellationToken);

    /// <inheritdoc cref="AsyncSession.GetAsync{T}(object, IReadOnlyList{LoaderOption}, bool, CancellationToken)"/>
    public ValueTask<T?> GetAsync<T>(object id, IReadOnlyList<LoaderOption> options, bool populateExisting = false, CancellationToken cancellationToken = default)
        where T : class, IMapped<T> => Current.GetAsync<T>(id, options, populateExisting, cancellationToken);

    /// <inheritdoc cref="AsyncSession.GetOneAsync{T}"/>
    public ValueTask<T> GetOneAsync<T>(object id, CancellationToken cancellationToken = default)
        where T : class, IMapped<T> => Current.GetOneAsync<T>(id, cancellationToken);

    /// <inheritdoc cref="AsyncSession.ExecuteAsync{T}(Select{T}, bool, CancellationToken)"/>
    public ValueTask<Result<T>> ExecuteAsync<T>(Select<T> statement, bool populateExisting = false, CancellationToken cancellationToken = default)
        where T : class, IMapped<T> => Current.ExecuteAsync(statement, populateExisting, cancellationToken);

    /// <inheritdoc cref="AsyncSession.ExecuteAsync(Executable, object?, CancellationToken)"/>
    public ValueTask<Result> ExecuteAsync(Executable statement, object? parameters = null, CancellationToken cancellationToken = default) =>
        Current.ExecuteAsync(statement, parameters, cancellationToken);

    /// <inheritdoc cref="AsyncSession.ExecuteAsync(Executable, IReadOnlyList{object}, CancellationToken)"/>
    public ValueTask<Result> ExecuteAsync(Executable statement, IReadOnlyList<object> parameters, CancellationToken cancellationToken = default) =>
        Current.ExecuteAsync(statement, parameters, cancellationToken);

    /// <inheritdoc cref="AsyncSession.ExecuteAsync{TParameters}(Executable, TParameters, CancellationToken)"/>
    public ValueTask<Result> ExecuteAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TParameters>(Executable statement, TParameters parameters,
        CancellationToken cancellationToken = default) => Current.ExecuteAsync(statement, parameters, cancellationToken);

    /// <inheritdoc cref="AsyncSession.ExecuteAsync{TParameters}(Executable, IReadOnlyList{TParameters}, CancellationToken)"/>
    public ValueTask<Result> ExecuteAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TParameters>(Executable statement, IReadOnlyList<TParameters> parameters,
        CancellationToken cancellationToken = default)
        where TParameters : notnull => Current.ExecuteAsync(statement, parameters, cancellationToken);

    /// <inheritdoc cref="AsyncSession.StreamAsync{TParameters}(Executable, TParameters, CancellationToken)"/>
    public ValueTask<AsyncResult> StreamAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TParameters>(Executable statement, TParameters parameters,
        CancellationToken cancellationToken = default) => Current.StreamAsync(statement, parameters, cancellationToken);

    /// <inheritdoc cref="AsyncSession.ScalarAsync{TParameters}(Executable, TParameters, CancellationToken)"/>
    public ValueTask<object?> ScalarAsync<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TParameters>(Executable statement, TParameters parameters,
        CancellationToken cancellationToken = default) => Current.ScalarAsync(statement, parameters, cancellationToken);

    /// <inheritdoc cref="AsyncSession.ExecuteAsync{T}(Update{T}, SynchronizeSession, CancellationToken)"/>
    public ValueTask<Result> ExecuteAsync<T>(Update<T> statement, SynchronizeSession synchronize = SynchronizeSession.Auto, CancellationToken cancellationToken = default)
        where T : class, IMapped<T> => Current.ExecuteAsync(statement, synchronize, cancellationToken);

    /// <inheritdoc cref="AsyncSession.ExecuteAsync{T}(Delete{T}, SynchronizeSession, CancellationToken)"/>
    public ValueTask<Result> ExecuteAsync<T>(Delete<T> statement, SynchronizeSession synchronize = SynchronizeSession.Auto, CancellationToken cancellationToken = default)
        where T : class, IMapped<T> => Current.ExecuteAsync(statement, synchronize, cancellationToken);

    /// <inheritdoc cref="AsyncSession.StreamAsync{T}(Select{T}, bool, CancellationToken)"/>
    public ValueTask<AsyncResult<T>> StreamAsync<T>(Select<T> statement, bool populateExisting = false, CancellationToken cancellationToken = default)
        where T : class, IMapped<T> => Current.StreamAsync(statement, populateExisting, cancellationToken);

    /// <inheritdoc cref="AsyncSession.StreamScalarsAsync{T}"/>
    public ValueTask<AsyncScalarResult<T>> StreamScalarsAsync<T>(Select<T> statement, CancellationToken cancellationToken = default)
        where T : class, IMapped<T> => Current.StreamScalarsAsync(statement, cancellationToken);

    /// <inheritdoc cref="AsyncSession.StreamAsync(Executable, object?, CancellationToken)"/>
    public ValueTask<AsyncResult> StreamAsync(Executable statement, object? parameters = null, CancellationToken cancellationToken = default) =>
        Current.StreamAsync(statement, parameters, cancellationToken);

    /// <inheritdoc cref="AsyncSession.ScalarsAsync{T}"/>
    public ValueTask<ScalarResult<T>> ScalarsAsync<T>(Select<T> statement, CancellationToken cancellationToken = default)
        where T : class, IMapped<T> => Current.ScalarsAsync(statement, cancellationToken);

    /// <inheritdoc cref="AsyncSession.ScalarAsync{T}(Select{T}, CancellationToken)"/>
    public ValueTask<T?> ScalarAsync<T>(Select<T> statement, CancellationToken cancellationToken = default)
        where T : class, IMapped<T> => Current.ScalarAsync(statement, cancellationToken);

    /// <inheritdoc cref="AsyncSession.ScalarAsync(Executable, object?, CancellationToken)"/>
    public ValueTask<object?> ScalarAsync(Executable statement, object? parameters = null, CancellationToken cancellationToken = default) =>
        Current.ScalarAsync(statement, parameters, cancellationToken);

    /// <inheritdoc cref="AsyncSession.FlushAsync"/>
    public ValueTask FlushAsync(CancellationToken cancellationToken = default) => Current.FlushAsync(cancellationToken);

    /// <inheritdoc cref="AsyncSession.CommitAsync"/>
    public ValueTask CommitAsync(CancellationToken cancellationToken = default) => Current.CommitAsync(cancellationToken);

    /// <inheritdoc cref="AsyncSession.RollbackAsync"/>
    public ValueTask RollbackAsync() => Current.RollbackAsync();

    /// <inheritdoc cref="AsyncSession.CloseAsync"/>
    public ValueTask CloseAsync() => Current.CloseAsync();

    /// <inheritdoc cref="AsyncSession.ResetAsync"/>
    public ValueTask ResetAsync() => Current.ResetAsync();

    /// <inheritdoc cref="AsyncSession.RefreshAsync(object, IReadOnlyCollection{string}?, CancellationToken)"/>
    public ValueTask RefreshAsync(object instance, IReadOnlyCollection<string>? attributeNames = null, CancellationToken cancellationToken = default) =>
        Current.RefreshAsync(instance, attributeNames, cancellationToken);

    /// <inheritdoc cref="AsyncSession.RefreshAsync(object, IReadOnlyList{LoaderOption}, CancellationToken)"/>
    public ValueTask RefreshAsync(object instance, IReadOnlyList<LoaderOption> options, CancellationToken cancellationToken = default) =>
        Current.RefreshAsync(instance, options, cancellationToken);

    /// <inheritdoc cref="AsyncSession.Expire"/>
    public void Expire(object instance, IReadOnlyCollection<string>? attributeNames = null) => Current.Expire(instance, attributeNames);

    /// <inheritdoc cref="AsyncSession.ExpireAll"/>
    public void ExpireAll() => Current.ExpireAll();

    /// <inheritdoc cref="AsyncSession.Expunge"/>
    public void Expunge(object instance) => Current.Expunge(instance);

    /// <inheritdoc cref="AsyncSession.ExpungeAll"/>
    public void ExpungeAll() => Current.ExpungeAll();

    /// <inheritdoc cref="AsyncSession.MergeAsync{T}(T, CancellationToken)"/>
    public ValueTask<T> MergeAsync<T>(T instance, CancellationToken cancellationToken = default)
        where T : class, IMapped<T> => Current.MergeAsync(instance, cancellationToken);

    /// <inheritdoc cref="AsyncSession.MergeAsync{T}(T, IReadOnlyList{LoaderOption}, CancellationToken)"/>
    public ValueTask<T> MergeAsync<T>(T instance, IReadOnlyList<LoaderOption> options, CancellationToken cancellationToken = default)
        where T : class, IMapped<T> => Current.MergeAsync(instance, options, cancellationToken);

    /// <inheritdoc cref="AsyncSession.IsModified"/>
    public bool IsModified(object instance) => Current.IsModified(instance);

    /// <inheritdoc cref="AsyncSession.Contains"/>
    public bool Contains(object instance) => Current.Contains(instance);

    /// <inheritdoc cref="AsyncSession.ConnectionAsync(CancellationToken)"/>
    public ValueTask<AsyncConnection> ConnectionAsync(CancellationToken cancellationToken = default) => Current.ConnectionAsync(cancellationToken);

    /// <inheritdoc cref="AsyncSession.ConnectionAsync(ExecutionOptions, CancellationToken)"/>
    public ValueTask<AsyncConnection> ConnectionAsync(ExecutionOptions options, CancellationToken cancellationToken = default) =>
        Current.ConnectionAsync(options, cancellationToken);

    /// <inheritdoc cref="AsyncSession.NoAutoflush"/>
    public IDisposable NoAutoflush() => Current.NoAutoflush();

    /// <inheritdoc cref="AsyncSession.BeginAsync(Action, CancellationToken)"/>
    public Task BeginAsync(Action work, CancellationToken cancellationToken = default) => Current.BeginAsync(work, cancellationToken);

    /// <inheritdoc cref="AsyncSession.BeginAsync(Func{Task}, CancellationToken)"/>
    public Task BeginAsync(Func<Task> work, CancellationToken cancellationToken = default) => Current.BeginAsync(work, cancellationToken);

    /// <inheritdoc cref="AsyncSession.BeginAsync(CancellationToken)"/>
    public ValueTask<AsyncSessionTransaction> BeginAsync(CancellationToken cancellationToken = default) => Current.BeginAsync(cancellationToken);

    /// <inheritdoc cref="AsyncSession.BeginAsync(ExecutionOptions, CancellationToken)"/>
    public ValueTask<AsyncSessionTransaction> BeginAsync(ExecutionOptions options, CancellationToken cancellationToken = default) =>
        Current.BeginAsync(options, cancellationToken);

    /// <inheritdoc cref="AsyncSession.BeginNestedAsync(CancellationToken)"/>
    public ValueTask<AsyncSessionTransaction> BeginNestedAsync(CancellationToken cancellationToken = default) => Current.BeginNestedAsync(cancellationToken);

    /// <inheritdoc cref="AsyncSession.BeginNestedAsync(Func{Task}, CancellationToken)"/>
    public Task BeginNestedAsync(Func<Task> work, CancellationToken cancellationToken = default) => Current.BeginNestedAsync(work, cancellationToken);

    /// <inheritdoc cref="AsyncSession.RunSyncAsync(Action{Session})"/>
    public Task RunSyncAsync(Action<Session> work) => Current.RunSyncAsync(work);

    /// <inheritdoc cref="AsyncSession.RunSyncAsync{T}(Func{Session, T})"/>
    public Task<T> RunSyncAsync<T>(Func<Session, T> work) => Current.RunSyncAsync(work);
}
