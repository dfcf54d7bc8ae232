using System.Runtime.CompilerServices;
using Framework.Orm.Internal;

namespace Framework.Orm;

/// <summary>
/// The one implementation behind <see cref="Session"/> and <see cref="AsyncSession"/> (each operation takes
/// <c>bool async</c>): the connection and transaction, the identity map, the pending, dirty and deleted instances,
/// the state machine, and detection of concurrent use.
/// </summary>
internal sealed partial class SessionCore : IStateOwner
{
    private readonly IdentityMap _map;
    private readonly UnitOfWork _unitOfWork;
    private readonly EntityLoader _loader;
    // Marks the flow running an operation of this session, so what it calls back (events, RunSyncAsync work) may use the session.
    private readonly AsyncLocal<SessionCore?> _inside = new();
    private readonly AsyncLocal<bool> _syncScope = new();
    private int _busy;
    private string? _busyWith;
    private Connection? _connection;
    private Transaction? _transaction;
    private Exception? _failure;
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
        _bind = bind;
        Options = options;
        StandaloneSync = standaloneSync;
        _map = new IdentityMap(this);
        _loader = new EntityLoader(this, _map);
        _unitOfWork = new UnitOfWork(this, _map, _loader);
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

    public bool InTransaction => _transaction is not null;

    public bool LoadsSynchronously => StandaloneSync || _syncScope.Value;

    public IEnumerable<object> New => _map.New.Select(s => (object)s.Entity);

    public IEnumerable<object> Dirty => _map.Dirty.Where(s => !s.Deleted && s.HasModifications).Select(s => (object)s.Entity);

    public IEnumerable<object> Deleted => _map.Deleted.Select(s => (object)s.Entity);

    public IEnumerable<object> IdentityMap => _map.Values.Select(s => (object)s.Entity);

    private StatementObserver? _observer;
    private IStatementObserver? _outerObserver;

    /// <summary>Reports the statements of the session's connection to its StatementExecuted handlers; costs nothing while there are none.</summary>
    private sealed class StatementObserver(SessionCore core) : IStatementObserver
    {
        public bool IsEnabled => core.Events.HasStatementExecuted;

        public void Executed(StatementEventArgs args) => core.Events.RaiseStatementExecuted(args);

        public CancellationToken DefaultCancellation => core.DefaultCancellationToken;
    }

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
                ThrowIfFailed();
            if (moving is { } to)
                _root?.ThrowIfChanging(operation, to);
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
        await _unitOfWork.Flush(async, cancellationToken).ConfigureAwait(false);
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

    private static EntityState StateOf(object entity)
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
        _unitOfWork.CascadeSaveUpdate([state]);
    }

    public void AddAll(IEnumerable<object> entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        using var scope = Enter();
        foreach (var entity in entities)
        {
            var state = StateOf(entity);
            AddState(state);
            _unitOfWork.CascadeSaveUpdate([state]);
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
    private List<EntityState> Cascaded(EntityState root, Cascades cascade)
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
        ExpungeAllStates();
    }

    private void ExpungeAllStates() => _map.ExpungeAll();

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
        ExpireAllStates();
    }

    private void ExpireAllStates() => _map.ExpireAll();

    private static IEnumerable<int> Indexes(EntityMapper mapper, IReadOnlyCollection<string>? names)
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
            await _unitOfWork.Flush(async, cancellationToken).ConfigureAwait(false);
    }
}
