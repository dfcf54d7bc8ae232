using System.Runtime.CompilerServices;
using Framework.Orm.Internal;
using Framework.Sql;

namespace Framework.Orm;

/// <summary>
/// The one implementation behind <see cref="Session"/> and <see cref="AsyncSession"/> (each operation takes
/// <c>bool async</c>), and the coordinator of its parts: it guards against concurrent use, checks the session's state,
/// then hands the work to the part whose job it is: <see cref="Orm.IdentityMap"/> (the instances and their new, dirty
/// and deleted bookkeeping), <see cref="Orm.UnitOfWork"/> (flush), <see cref="TransactionCoordinator"/> (connection,
/// transaction and savepoints), <see cref="QueryRunner"/> and <see cref="EntityLoader"/> (reads),
/// <see cref="BulkDmlExecutor"/> (ORM UPDATE and DELETE) and <see cref="DefaultLoaders"/>. What stays here is what
/// the session does to instances itself: add, delete, expunge, expire, merge.
/// </summary>
internal sealed class SessionCore : IStateOwner
{
    private readonly IdentityMap _map;
    private readonly EntityLoader _loader;
    private readonly TransactionCoordinator _transactions;
    private readonly QueryRunner _queries;
    // Made on the first ORM UPDATE or DELETE, and the first default loader option: most sessions have neither.
    private BulkDmlExecutor? _bulk;
    private DefaultLoaders? _defaults;
    // Marks the flow running an operation of this session, so what it calls back (events, RunSyncAsync work) may use the session.
    private readonly AsyncLocal<SessionCore?> _inside = new();
    private readonly AsyncLocal<bool> _syncScope = new();
    private int _busy;
    private string? _busyWith;
    private int _noAutoflush;
    private Dictionary<string, object?>? _info;

    public SessionCore(Engine engine, SessionOptions options, bool standaloneSync)
        : this(engine ?? throw new ArgumentNullException(nameof(engine)), bind: null, options, standaloneSync)
    {
    }

    /// <summary>A session over the caller's connection: it joins the transaction in progress there as <see cref="SessionOptions.JoinTransactionMode"/> says, and never closes the connection.</summary>
    public SessionCore(Connection bind, SessionOptions options, bool standaloneSync)
        : this((bind ?? throw new ArgumentNullException(nameof(bind))).Engine, bind, options, standaloneSync)
    {
    }

    private SessionCore(Engine engine, Connection? bind, SessionOptions options, bool standaloneSync)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ExecutionOptions is { Autocommit: true })
        {
            throw new ArgumentException(
                "A session always works in a transaction (its unit of work commits or rolls back as one), so SessionOptions.ExecutionOptions cannot " +
                "turn Autocommit on. Run statements that must autocommit on a connection (engine.ConnectAsync() with ExecutionOptions(new() { Autocommit = true })).",
                nameof(options));
        }
        Engine = engine;
        Options = options;
        StandaloneSync = standaloneSync;
        _map = new IdentityMap(this);
        _transactions = new TransactionCoordinator(this, _map, bind);
        _loader = new EntityLoader(this, _map, _transactions);
        UnitOfWork = new UnitOfWork(this, _map, _loader, _transactions);
        _queries = new QueryRunner(this, _map, _loader, _transactions);
        if (options.DefaultLoaderOptions.Count > 0)
            AddDefaultLoaderOptions(options.DefaultLoaderOptions);
    }

    public Engine Engine { get; }

    /// <summary>A dictionary for the application's own use (SQLAlchemy's <c>session.info</c>); made on first use.</summary>
    public IDictionary<string, object?> Info => _info ??= new(StringComparer.Ordinal);

    /// <summary>The asynchronous face, when the session was made as an <see cref="AsyncSession"/>.</summary>
    public AsyncSession? AsyncFace { get; set; }

    public SessionOptions Options { get; }

    /// <summary>A sync <see cref="Session"/> made on its own: the program chose blocking I/O, so unloaded attributes load when read.</summary>
    public bool StandaloneSync { get; }

    public Session? SyncFace { get; set; }

    public SessionEvents Events { get; } = new();

    /// <summary>The flush; the transaction coordinator reaches it here, as it is made before the unit of work, which uses it.</summary>
    public UnitOfWork UnitOfWork { get; }

    public bool LoadsSynchronously => StandaloneSync || _syncScope.Value;

    public IEnumerable<object> New => _map.New.Select(s => (object)s.Entity);

    public IEnumerable<object> Dirty => _map.Dirty.Where(s => !s.Deleted && s.HasModifications).Select(s => (object)s.Entity);

    public IEnumerable<object> Deleted => _map.Deleted.Select(s => (object)s.Entity);

    public IEnumerable<object> IdentityMap => _map.Values.Select(s => (object)s.Entity);

    /// <summary>Cancels the session's statements and checkouts whose call passed no token that can be cancelled.</summary>
    public CancellationToken DefaultCancellationToken { get; set; }

    // ---- concurrent use

    /// <summary>
    /// Marks an operation in flight until the scope is disposed. A second operation while one is in flight, from
    /// another flow, is refused: a session belongs to one flow at a time.
    /// </summary>
    public Scope Enter([CallerMemberName] string operation = "")
    {
        if (ReferenceEquals(_inside.Value, this))
            return default;
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0)
        {
            throw new InvalidOperationException(
                $"This session is already running {Describe(_busyWith)} while {Describe(operation)} was called: two operations are in flight on one " +
                "session, which is not safe. Use one session per flow (one per request, or one per task from an AsyncSessionMaker), " +
                "and await each call before the next.");
        }
        _busyWith = operation;
        _inside.Value = this;
        return new Scope(this);
    }

    private static string Describe(string? operation) => operation is null ? "an operation" : $"{operation.Replace("Async", "", StringComparison.Ordinal)}()";

    private void Leave()
    {
        _inside.Value = null;
        _busyWith = null;
        Volatile.Write(ref _busy, 0);
    }

    /// <summary>An operation in flight; disposing it ends the operation.</summary>
    public readonly struct Scope(SessionCore? core) : IDisposable
    {
        public void Dispose() => core?.Leave();
    }

    /// <summary>
    /// The one way into an operation that writes (Flush, Commit, Rollback, Close): the concurrency guard, then the state
    /// check (a failed flush not yet rolled back refuses all but a rollback; a transaction being committed refuses a change
    /// of its state to <paramref name="moving"/>), then the caller runs the operation.
    /// </summary>
    private Scope EnterChecked(string operation, SessionTransactionState? moving)
    {
        var scope = Enter(operation);
        try
        {
            if (moving != SessionTransactionState.RolledBack && moving != SessionTransactionState.Closed)
                _transactions.ThrowIfFailed();
            if (moving is { } to)
                _transactions.ThrowIfChanging(operation, to);
        }
        catch
        {
            scope.Dispose();
            throw;
        }
        return scope;
    }

    /// <summary>Writes pending changes (the public Flush and FlushAsync).</summary>
    public async ValueTask Flush(bool async, CancellationToken cancellationToken)
    {
        using var scope = EnterChecked(nameof(Flush), moving: null);
        await UnitOfWork.Flush(async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs synchronous work in which unloaded attributes load with blocking I/O (RunSyncAsync).</summary>
    public T RunSync<T>(Func<T> work)
    {
        using var scope = Enter();
        var outer = _syncScope.Value;
        _syncScope.Value = true;
        try
        {
            return work();
        }
        finally
        {
            _syncScope.Value = outer;
        }
    }

    // ---- instances

    public static EntityState StateOf(object entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return entity is IMapped mapped
            ? mapped.EntityState
            : throw new ArgumentException(
                $"{entity.GetType().Name} is not a mapped entity: mark it [Table(\"name\")], make it partial, and derive it from a [DeclarativeBase] class.",
                nameof(entity));
    }

    public void Add(object entity)
    {
        using var scope = Enter();
        var state = StateOf(entity);
        AddState(state);
        UnitOfWork.CascadeSaveUpdate([state]);
    }

    public void AddAll(IEnumerable<object> entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        using var scope = Enter();
        foreach (var entity in entities)
        {
            var state = StateOf(entity);
            AddState(state);
            UnitOfWork.CascadeSaveUpdate([state]);
        }
    }

    public void AddState(EntityState state)
    {
        if (ReferenceEquals(state.Owner, this))
        {
            if (state.Deleted && state.Persistent)
                _map.MarkDeleted(state, deleted: false);
            return;
        }
        if (state.Owner is not null)
        {
            throw new InvalidOperationException(
                $"{state} is already in another session: an instance belongs to one session at a time. Expunge it from that session first, " +
                "or bring a copy into this one with MergeAsync.");
        }
        Events.RaiseBeforeAttach(this, state.Entity);
        Session.AllEvents.RaiseBeforeAttach(this, state.Entity);
        _map.Attach(state);
        Events.RaiseAfterAttach(this, state.Entity);
        Session.AllEvents.RaiseAfterAttach(this, state.Entity);
    }

    /// <summary>Marks a persistent instance for deletion at the next flush.</summary>
    public void Delete(object entity)
    {
        using var scope = Enter();
        var state = StateOf(entity);
        if (!state.Persistent)
        {
            if (ReferenceEquals(state.Owner, this) && _map.New.Remove(state))
            {
                // SQLAlchemy refuses this; expunging the pending instance is what the caller means.
                _map.Detach(state);
                return;
            }
            throw new InvalidOperationException($"{state} is not persisted, so there is no row to delete. Add and flush it first, or just drop it.");
        }
        if (state.Owner is null)
            AddState(state);
        else if (!ReferenceEquals(state.Owner, this))
            throw new InvalidOperationException($"{state} belongs to another session; delete it there, or merge it into this one first.");
        if (!state.Deleted)
            _map.MarkDeleted(state);
    }

    public void Modified(EntityState state)
    {
        if (state.Persistent)
            _map.Dirty.Add(state);
    }

    public bool TryLoadFromIdentityMap(EntityState state, MappedRelationship relationship) => _loader.TryLoadFromIdentityMap(state, relationship);

    public void Expunge(object entity)
    {
        using var scope = Enter();
        var state = StateOf(entity);
        if (!ReferenceEquals(state.Owner, this))
            throw new InvalidOperationException($"{state} is not in this session, so it cannot be expunged from it.");
        foreach (var related in Cascaded(state, Cascades.Expunge))
            _map.Expunge(related);
    }

    /// <summary>The instance and those its loaded relationships reach through a cascade, in this session.</summary>
    public List<EntityState> Cascaded(EntityState root, Cascades cascade)
    {
        var found = new List<EntityState> { root };
        var seen = new HashSet<EntityState>(ReferenceEqualityComparer.Instance) { root };
        for (var i = 0; i < found.Count; i++)
        {
            var state = found[i];
            foreach (var relationship in state.Mapper.Relationships)
            {
                if ((relationship.Cascade & cascade) == 0 || relationship.Lazy == LazyStrategy.WriteOnly || !state.IsLoaded(relationship.Index))
                    continue;
                foreach (var related in EntityLoader.Related(state, relationship))
                {
                    if (ReferenceEquals(related.Owner, this) && seen.Add(related))
                        found.Add(related);
                }
            }
        }
        return found;
    }

    public void ExpungeAll()
    {
        using var scope = Enter();
        _map.ExpungeAll();
    }

    public void Expire(object entity, IReadOnlyCollection<string>? attributeNames)
    {
        using var scope = Enter();
        var state = StateOf(entity);
        if (!ReferenceEquals(state.Owner, this) || !state.Persistent)
            throw new InvalidOperationException($"{state} is not persistent in this session, so it has nothing to expire.");
        if (attributeNames is null)
        {
            // Expiring a whole instance expires what its refresh-expire relationships hold, too.
            foreach (var related in Cascaded(state, Cascades.RefreshExpire).Where(s => s.Persistent))
            {
                Orm.IdentityMap.Expire(related);
                if (!related.HasModifications)
                    _map.Dirty.Remove(related);
            }
            return;
        }
        foreach (var index in Indexes(state.Mapper, attributeNames))
            state.Expire(index);
        if (!state.HasModifications)
            _map.Dirty.Remove(state);
    }

    public void ExpireAll()
    {
        using var scope = Enter();
        _map.ExpireAll();
    }

    public static IEnumerable<int> Indexes(EntityMapper mapper, IReadOnlyCollection<string>? names)
    {
        if (names is null)
            return mapper.Columns.Where(c => !c.Column.PrimaryKey).Select(c => c.Index);
        return names.Select(name => mapper.Columns.FirstOrDefault(c => c.PropertyName == name)?.Index
            ?? mapper.Relationships.FirstOrDefault(r => r.PropertyName == name)?.Index
            ?? throw new ArgumentException(
                $"{mapper.EntityType.Name} has no mapped attribute '{name}'; it has " +
                $"{string.Join(", ", mapper.Columns.Select(c => c.PropertyName).Concat(mapper.Relationships.Select(r => r.PropertyName)))}.", nameof(names)));
    }

    /// <summary>Whether any attribute, column or relationship, has a change to flush (SQLAlchemy's is_modified).</summary>
    public bool IsModified(object entity)
    {
        var state = StateOf(entity);
        for (var index = 0; index < state.Mapper.AttributeCount; index++)
        {
            if (state.Changed(index))
                return true;
        }
        return false;
    }

    public bool Contains(object entity) => ReferenceEquals(StateOf(entity).Owner, this);

    /// <summary>Runs work with autoflush off (SQLAlchemy's no_autoflush).</summary>
    public IDisposable NoAutoflush()
    {
        _noAutoflush++;
        return new AutoflushScope(this);
    }

    private sealed class AutoflushScope(SessionCore core) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                core._noAutoflush--;
            }
        }
    }

    public async ValueTask Autoflush(bool async, CancellationToken cancellationToken)
    {
        if (Options.Autoflush && _noAutoflush == 0)
            await UnitOfWork.Flush(async, cancellationToken).ConfigureAwait(false);
    }

    // ---- the transaction (TransactionCoordinator does the work, inside the guard entered here)

    public bool InTransaction => _transactions.InTransaction;

    /// <summary>Whether a SAVEPOINT the session began is in progress.</summary>
    public bool InNestedTransaction => _transactions.InNestedTransaction;

    /// <summary>The session's transaction in progress (begun explicitly or by autobegin), or null.</summary>
    public SessionTransaction? GetTransaction() => _transactions.GetTransaction();

    /// <summary>The innermost SAVEPOINT the session began, or null.</summary>
    public SessionTransaction? GetNestedTransaction() => _transactions.GetNestedTransaction();

    /// <inheritdoc cref="TransactionCoordinator.Connection"/>
    public ValueTask<Connection> Connection(bool async, CancellationToken cancellationToken, bool implicitly = true, ExecutionOptions? options = null) =>
        _transactions.Connection(async, cancellationToken, implicitly, options);

    /// <summary>Flushes, then commits the session's transaction (the public Commit and CommitAsync, and a root handle's Commit).</summary>
    public async ValueTask Commit(bool async, CancellationToken cancellationToken)
    {
        using var scope = EnterChecked(nameof(Commit), SessionTransactionState.Committed);
        await _transactions.Commit(async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rolls back the session's transaction (the public Rollback and RollbackAsync, and a root handle's Rollback).</summary>
    public async ValueTask RollbackPublic(bool async)
    {
        using var scope = EnterChecked("Rollback", SessionTransactionState.RolledBack);
        await _transactions.Rollback(async, expire: true).ConfigureAwait(false);
    }

    /// <summary>
    /// Rolls back and forgets every instance; the session can be used again (SQLAlchemy's close). The instances are
    /// detached as they are, not expired: what was loaded stays readable after the session is gone, as in SQLAlchemy
    /// (and as <c>expireOnCommit: false</c> promises after a commit).
    /// </summary>
    public async ValueTask Close(bool async)
    {
        using var scope = EnterChecked(nameof(Close), SessionTransactionState.Closed);
        try
        {
            await _transactions.Rollback(async, expire: false, closing: true).ConfigureAwait(false);
        }
        finally
        {
            _map.ExpungeAll();
        }
    }

    /// <summary>Begins the session's transaction explicitly (SQLAlchemy's <c>session.begin()</c>) and returns its handle.</summary>
    public async ValueTask<SessionTransaction> Begin(bool async, CancellationToken cancellationToken, ExecutionOptions? options = null)
    {
        using var scope = Enter("Begin");
        return await _transactions.Begin(async, cancellationToken, options).ConfigureAwait(false);
    }

    /// <inheritdoc cref="TransactionCoordinator.BeginNested"/>
    public async ValueTask<SessionTransaction> BeginNested(bool async, CancellationToken cancellationToken)
    {
        using var scope = Enter("BeginNested");
        return await _transactions.BeginNested(async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Commits or rolls back a transaction or savepoint begun by <see cref="Begin"/> or <see cref="BeginNested"/>.</summary>
    public async ValueTask End(SessionTransaction handle, bool commit, bool async, CancellationToken cancellationToken)
    {
        if (!handle.IsNested)
        {
            if (!handle.IsActive)
                throw TransactionCoordinator.Inactive();
            if (commit)
                await Commit(async, cancellationToken).ConfigureAwait(false);
            else
                await RollbackPublic(async).ConfigureAwait(false);
            return;
        }
        var operation = commit ? "Commit" : "Rollback";
        using var scope = EnterChecked(operation, commit ? SessionTransactionState.Committed : SessionTransactionState.RolledBack);
        await _transactions.EndNested(handle, commit, operation, async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs work in a new transaction, or a savepoint: commits when it completes, rolls back if it throws.</summary>
    public async ValueTask RunInTransaction(bool async, bool nested, Func<ValueTask> work, CancellationToken cancellationToken)
    {
        var handle = nested
            ? await BeginNested(async, cancellationToken).ConfigureAwait(false)
            : await Begin(async, cancellationToken).ConfigureAwait(false);
        var outerBlock = _transactions.Block;
        if (!nested)
            _transactions.Block = handle;
        try
        {
            await work().ConfigureAwait(false);
            // The commit's flush may fail too, which rolls back like a failure of the work.
            if (handle.IsActive)
                await End(handle, commit: true, async, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (handle.IsActive)
                await End(handle, commit: false, async, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        finally
        {
            _transactions.Block = outerBlock;
        }
    }

    // ---- reads (QueryRunner), ORM UPDATE and DELETE (BulkDmlExecutor), default loader options

    /// <inheritdoc cref="QueryRunner.Get"/>
    public ValueTask<T?> Get<T>(bool async, object id, bool populateExisting, IReadOnlyList<LoaderOption>? options, CancellationToken cancellationToken)
        where T : class, IMapped<T> => _queries.Get<T>(async, id, populateExisting, options, cancellationToken);

    /// <inheritdoc cref="QueryRunner.Execute{T}"/>
    public ValueTask<Result<T>> Execute<T>(bool async, Select<T> statement, bool populateExisting, CancellationToken cancellationToken)
        where T : class, IMapped<T> => _queries.Execute(async, statement, populateExisting, cancellationToken);

    /// <inheritdoc cref="QueryRunner.Stream"/>
    public ValueTask<ResultCore> Stream<T>(bool async, Select<T> statement, bool populateExisting, CancellationToken cancellationToken)
        where T : class, IMapped<T> => _queries.Stream(async, statement, populateExisting, cancellationToken);

    /// <inheritdoc cref="QueryRunner.Execute(bool, Executable, object?, IReadOnlyList{object}?, bool, CancellationToken)"/>
    public ValueTask<Result> Execute(bool async, Executable statement, object? parameters, IReadOnlyList<object>? many, bool stream,
        CancellationToken cancellationToken) => _queries.Execute(async, statement, parameters, many, stream, cancellationToken);

    /// <inheritdoc cref="QueryRunner.LoadWith"/>
    public ValueTask LoadWith(bool async, EntityState state, IReadOnlyList<LoaderOption> options, CancellationToken cancellationToken) =>
        _queries.LoadWith(async, state, options, cancellationToken);

    /// <inheritdoc cref="QueryRunner.Refresh"/>
    public ValueTask Refresh(bool async, object entity, IReadOnlyCollection<string>? attributeNames, CancellationToken cancellationToken) =>
        _queries.Refresh(async, entity, attributeNames, cancellationToken);

    public void Load(EntityState state, int index) => SyncPath.Run(_queries.LoadAttribute(false, state, index));

    public ValueTask LoadAsync(EntityState state, int index) => _queries.LoadAttribute(true, state, index);

    /// <inheritdoc cref="BulkDmlExecutor.Execute"/>
    public ValueTask<Result> ExecuteBulk<T>(bool async, BulkStatement<T> statement, SynchronizeSession synchronize, CancellationToken cancellationToken)
        where T : class, IMapped<T> =>
        (_bulk ??= new BulkDmlExecutor(this, _map, _transactions, _queries)).Execute(async, statement, synchronize, cancellationToken);

    /// <summary>The session's default loader options, or null while it has none.</summary>
    public DefaultLoaders? DefaultLoaders => _defaults;

    /// <inheritdoc cref="DefaultLoaders.All"/>
    public IReadOnlyList<LoaderOption> DefaultLoaderOptions => _defaults?.All ?? [];

    /// <summary>
    /// Adds loader options that every ORM SELECT (and Get) of the entity each one starts from gets, unless the statement
    /// has its own option for the same attribute: what an endpoint's eager-load policy sets on its request's session.
    /// </summary>
    public void AddDefaultLoaderOptions(IEnumerable<LoaderOption> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        (_defaults ??= new()).Add(options);
    }

    /// <summary>Forgets the session's default loader options (those of its SessionOptions too).</summary>
    public void ClearDefaultLoaderOptions() => _defaults = null;

    // ---- merge

    /// <summary>
    /// Copies the state of <paramref name="entity"/> (from another session, or new) onto the instance of its row in
    /// this session, loading it when needed; an instance without a row becomes a new pending one. Returns this
    /// session's instance.
    /// </summary>
    public async ValueTask<T> Merge<T>(bool async, T entity, CancellationToken cancellationToken)
        where T : class, IMapped<T>
    {
        ArgumentNullException.ThrowIfNull(entity);
        return (T)(await MergeState(async, entity.EntityState, new(ReferenceEqualityComparer.Instance), cancellationToken).ConfigureAwait(false)).Entity;
    }

    // Merges one instance, then (merge cascade) the instances its loaded relationships hold; memo maps each source to its merged instance.
    private async ValueTask<EntityState> MergeState(bool async, EntityState source, Dictionary<EntityState, EntityState> memo, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(source.Owner, this))
            return source;
        if (memo.TryGetValue(source, out var merged))
            return merged;
        var mapper = source.Mapper;
        var entity = source.Entity;
        EntityState? target = null;
        var keyValues = mapper.PrimaryKey.Select(c => c.Read(entity)).ToArray();
        if (keyValues.All(v => !UnitOfWork.IsDefault(v)))
            target = await _queries.GetState(async, mapper, keyValues, cancellationToken).ConfigureAwait(false);
        using (Enter("Merge"))
        {
            if (target is null)
            {
                target = mapper.Create().EntityState;
                target.ResetForLoad();
                foreach (var column in mapper.Columns)
                {
                    if (source.IsLoaded(column.Index) && (source.Persistent || source.IsModified(column.Index) || column.Column.PrimaryKey))
                    {
                        target.OnWrite(column.Index);
                        column.Write(target.Entity, column.Read(entity));
                    }
                }
                AddState(target);
            }
            else
            {
                foreach (var column in mapper.Columns)
                {
                    if (column.Column.PrimaryKey || !source.IsLoaded(column.Index))
                        continue;
                    var value = column.Read(entity);
                    if (!target.IsLoaded(column.Index) || !Equals(column.Read(target.Entity), value))
                    {
                        target.OnWrite(column.Index);
                        column.Write(target.Entity, value);
                    }
                }
            }
        }
        memo[source] = target;
        foreach (var relationship in mapper.Relationships)
        {
            if ((relationship.Cascade & Cascades.Merge) == 0 || relationship.Lazy == LazyStrategy.WriteOnly || !source.IsLoaded(relationship.Index))
                continue;
            // The collection the row has is what the merged one replaces: loaded first (merge is awaited, so this I/O is explicit).
            if (!target.IsLoaded(relationship.Index) && target.Persistent)
                await _loader.LoadRelationship(async, [target], relationship, cancellationToken).ConfigureAwait(false);
            var items = new List<object>();
            foreach (var item in EntityLoader.Related(source, relationship).ToList())
                items.Add((await MergeState(async, item, memo, cancellationToken).ConfigureAwait(false)).Entity);
            using (Enter("Merge"))
                Assign(target, relationship, items);
        }
        return target;
    }

    // Sets a relationship as a user's assignment does (recorded, mirrored on the reverse side).
    private static void Assign(EntityState state, MappedRelationship relationship, List<object> items)
    {
        if (relationship.Kind == RelationshipKind.Reference)
        {
            var value = items.FirstOrDefault();
            state.OnReferenceWrite(relationship.Index, relationship.Read(state.Entity), value);
            relationship.Write(state.Entity, value);
            return;
        }
        if (!state.IsLoaded(relationship.Index))
            state.MarkLoaded(relationship.Index);   // a merged collection replaces what the row had, as SQLAlchemy's merge does
        var collection = relationship.Collection(state.Entity);
        foreach (var old in collection.Items.Where(o => !items.Contains(o)).ToList())
        {
            collection.RemoveQuietly(old);
            state.OnCollectionChange(relationship.Index, old, added: false);
        }
        foreach (var item in items.Where(i => !collection.ContainsItem(i)))
        {
            collection.AddQuietly(item);
            state.OnCollectionChange(relationship.Index, item, added: true);
        }
    }
}
