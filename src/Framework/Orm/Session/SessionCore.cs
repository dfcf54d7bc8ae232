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
    private readonly Dictionary<IdentityKey, EntityState> _identity = [];
    private readonly List<EntityState> _new = [];
    private readonly HashSet<EntityState> _dirty = new(ReferenceEqualityComparer.Instance);
    private readonly List<EntityState> _deleted = [];
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

    public IEnumerable<object> New => _new.Select(s => (object)s.Entity);

    public IEnumerable<object> Dirty => _dirty.Where(s => !s.Deleted && s.HasModifications).Select(s => (object)s.Entity);

    public IEnumerable<object> Deleted => _deleted.Select(s => (object)s.Entity);

    public IEnumerable<object> IdentityMap => _identity.Values.Select(s => (object)s.Entity);

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

    // ---- state machine

    private void ThrowIfFailed()
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
            cancellationToken = DefaultCancellationToken;
        if (_connection is { } connection && _transaction is not null)
        {
            if (options is not null)
                throw OptionsTooLate();
            return connection;
        }
        ThrowIfBlockClosed();
        _connection ??= _bind ?? await Engine.Connect(async, cancellationToken).ConfigureAwait(false);
        // A bound connection may already report to another session: that one is told again once this session lets go.
        _outerObserver = _connection.StatementObserver;
        try
        {
            _transaction = await BeginRoot(_connection, options, implicitly, async, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await ReleaseConnection(async).ConfigureAwait(false);
            throw;
        }
        _root = new SessionTransaction(this, nested: false);
        _connection.StatementObserver = _observer ??= new StatementObserver(this);
        Events.RaiseAfterBegin(this);
        Session.AllEvents.RaiseAfterBegin(this);
        return _connection;
    }

    private static InvalidOperationException OptionsTooLate() => new(
        "The session's transaction has already begun, so execution options for it (such as its isolation level) come too late: they apply " +
        "before the transaction's first statement. Pass them to BeginAsync(options) or ConnectionAsync(options) before anything else runs in " +
        "the transaction (after a commit or rollback), or set SessionOptions.ExecutionOptions for every transaction of the session.");

    private async ValueTask ReleaseConnection(bool async)
    {
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

    public async ValueTask Commit(bool async, CancellationToken cancellationToken)
    {
        using var scope = Enter();
        ThrowIfFailed();
        if (_transaction is null && _new.Count == 0 && _deleted.Count == 0 && _dirty.Count == 0)
            return;
        await Flush(async, cancellationToken).ConfigureAwait(false);
        Events.RaiseBeforeCommit(this);
        Session.AllEvents.RaiseBeforeCommit(this);
        // Work done by BeforeCommit handlers is flushed too.
        await Flush(async, cancellationToken).ConfigureAwait(false);
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
            await ReleaseConnection(async).ConfigureAwait(false);
        }
        _insertedInTransaction.Clear();
        ForgetDeletedInTransaction();
        if (Options.ExpireOnCommit)
            ExpireAllStates();
        Events.RaiseAfterCommit(this);
        Session.AllEvents.RaiseAfterCommit(this);
    }

    public async ValueTask RollbackPublic(bool async)
    {
        using var scope = Enter();
        await Rollback(async, expire: true).ConfigureAwait(false);
    }

    /// <summary>
    /// Rolls back the transaction: pending instances are expunged, instances inserted in it become transient again,
    /// deleted ones come back, and (when <paramref name="expire"/>) every persistent instance is expired, as its row may
    /// be what it was before.
    /// </summary>
    private async ValueTask Rollback(bool async, bool expire, bool closing = false)
    {
        var hadTransaction = _transaction is not null;
        // Closing a session joined RollbackOnly leaves the caller's transaction, and the rows the session wrote in it, in place:
        // only what happened inside the session's own savepoints is undone.
        var (insertedMark, deletedMark) = !closing || _transaction is null || _rootMode != RootMode.RollbackOnly
            ? (0, 0)
            : _frames.Count > 0
                ? (_frames[0].InsertedMark, _frames[0].DeletedMark)
                : (_insertedInTransaction.Count, _deletedInTransaction.Count);
        try
        {
            if (_connection is { } connection)
                await EndRoot(connection, commit: false, async, CancellationToken.None, closing).ConfigureAwait(false);
        }
        finally
        {
            await ReleaseConnection(async).ConfigureAwait(false);
            _failure = null;
            ForgetPending();
            // Deleted rows come back before inserted ones go: a row inserted and deleted in the transaction ends transient.
            RestoreDeleted(deletedMark);
            ForgetInserted(insertedMark);
            if (expire)
                ExpireAllStates();
            if (hadTransaction)
            {
                Events.RaiseAfterRollback(this);
                Session.AllEvents.RaiseAfterRollback(this);
            }
        }
    }

    /// <summary>
    /// Rolls back and forgets every instance; the session can be used again (SQLAlchemy's close). The instances are
    /// detached as they are, not expired: what was loaded stays readable after the session is gone, as in SQLAlchemy
    /// (and as <c>expireOnCommit: false</c> promises after a commit).
    /// </summary>
    public async ValueTask Close(bool async)
    {
        using var scope = Enter();
        try
        {
            await Rollback(async, expire: false, closing: true).ConfigureAwait(false);
        }
        finally
        {
            ExpungeAllStates();
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
        CascadeSaveUpdate([state]);
    }

    public void AddAll(IEnumerable<object> entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        using var scope = Enter();
        foreach (var entity in entities)
        {
            var state = StateOf(entity);
            AddState(state);
            CascadeSaveUpdate([state]);
        }
    }

    private void AddState(EntityState state)
    {
        if (ReferenceEquals(state.Owner, this))
        {
            if (state.Deleted && state.Persistent)
                Undelete(state);
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
        if (state.Key is { } key)
        {
            // A detached instance comes back as persistent, unless the map holds another instance of that row.
            if (_identity.TryGetValue(key, out var other) && !ReferenceEquals(other, state))
            {
                throw new InvalidOperationException(
                    $"Another instance with key {key} is already in this session. Use MergeAsync to copy this one's state onto it.");
            }
            _identity[key] = state;
            state.Owner = this;
            if (state.HasModifications)
                _dirty.Add(state);
        }
        else
        {
            state.Owner = this;
            _new.Add(state);
        }
        Events.RaiseAfterAttach(this, state.Entity);
        Session.AllEvents.RaiseAfterAttach(this, state.Entity);
    }

    private void Undelete(EntityState state)
    {
        state.Deleted = false;
        _deleted.Remove(state);
    }

    /// <summary>Marks a persistent instance for deletion at the next flush.</summary>
    public void Delete(object entity)
    {
        using var scope = Enter();
        var state = StateOf(entity);
        if (!state.Persistent)
        {
            if (ReferenceEquals(state.Owner, this) && _new.Remove(state))
            {
                // SQLAlchemy refuses this; expunging the pending instance is what the caller means.
                Detach(state);
                return;
            }
            throw new InvalidOperationException($"{state} is not persisted, so there is no row to delete. Add and flush it first, or just drop it.");
        }
        if (state.Owner is null)
            AddState(state);
        else if (!ReferenceEquals(state.Owner, this))
            throw new InvalidOperationException($"{state} belongs to another session; delete it there, or merge it into this one first.");
        if (!state.Deleted)
        {
            state.Deleted = true;
            _deleted.Add(state);
        }
    }

    public void Modified(EntityState state)
    {
        if (state.Persistent)
            _dirty.Add(state);
    }

    private void Detach(EntityState state)
    {
        state.Owner = null;
        _dirty.Remove(state);
    }

    public void Expunge(object entity)
    {
        using var scope = Enter();
        var state = StateOf(entity);
        if (!ReferenceEquals(state.Owner, this))
            throw new InvalidOperationException($"{state} is not in this session, so it cannot be expunged from it.");
        foreach (var related in Cascaded(state, Cascades.Expunge))
            ExpungeState(related);
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
                foreach (var related in Related(state, relationship))
                {
                    if (ReferenceEquals(related.Owner, this) && seen.Add(related))
                        found.Add(related);
                }
            }
        }
        return found;
    }

    private void ExpungeState(EntityState state)
    {
        _new.Remove(state);
        _deleted.Remove(state);
        if (state.Key is { } key && _identity.TryGetValue(key, out var held) && ReferenceEquals(held, state))
            _identity.Remove(key);
        Detach(state);
    }

    public void ExpungeAll()
    {
        using var scope = Enter();
        ExpungeAllStates();
    }

    private void ExpungeAllStates()
    {
        // Detach changes none of the three collections, so they are walked as they are (no copy).
        foreach (var state in _identity.Values)
            Detach(state);
        foreach (var state in _new)
            Detach(state);
        foreach (var state in _deleted)
            Detach(state);
        _identity.Clear();
        _new.Clear();
        _deleted.Clear();
        _dirty.Clear();
        _insertedInTransaction.Clear();
        ForgetDeletedInTransaction();
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
                ExpireState(related);
                if (!related.HasModifications)
                    _dirty.Remove(related);
            }
            return;
        }
        foreach (var index in Indexes(state.Mapper, attributeNames))
            state.Expire(index);
        if (!state.HasModifications)
            _dirty.Remove(state);
    }

    public void ExpireAll()
    {
        using var scope = Enter();
        ExpireAllStates();
    }

    private void ExpireAllStates()
    {
        foreach (var state in _identity.Values)
            ExpireState(state);
        _dirty.Clear();
    }

    private static void ExpireState(EntityState state)
    {
        foreach (var column in state.Mapper.Columns)
        {
            if (!column.Column.PrimaryKey)
                state.Expire(column.Index);
        }
        foreach (var relationship in state.Mapper.Relationships)
        {
            if (relationship.Lazy is not (LazyStrategy.NoLoad or LazyStrategy.WriteOnly))
                state.Expire(relationship.Index);
        }
    }

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

    private async ValueTask Autoflush(bool async, CancellationToken cancellationToken)
    {
        if (Options.Autoflush && _noAutoflush == 0)
            await Flush(async, cancellationToken).ConfigureAwait(false);
    }
}
