using System.ComponentModel;

namespace Framework.Orm.Internal;

/// <summary>
/// The hidden ORM state of one entity instance (SQLAlchemy's <c>InstanceState</c>): which attributes are loaded
/// and which were modified since the last flush, their values before the change, and the session the instance
/// belongs to. Generated property getters call <see cref="OnRead"/> and setters <see cref="OnWrite"/>; an
/// instance nobody has set or loaded has no state yet, and every attribute reads as its field. Part of the source
/// generator's contract, not API: read an instance's state with <see cref="Inspection.Inspect"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class EntityState
{
    private static readonly object NoValue = new();

    // Per attribute: true when its field holds nothing loaded (expired, deferred, or never read from the row).
    private bool[]? _unloaded;
    private int _unloadedCount;
    // Per attribute: true when set since the last flush (for a new instance: set at all).
    private bool[]? _modified;
    private int _modifiedCount;
    // Per modified attribute: its value before the first change since the last flush (NoValue when none was loaded).
    private object?[]? _committed;
    // Per attribute: true when it is unloaded because it was expired (a commit, Expire), not deferred or never loaded.
    private bool[]? _expired;

    /// <summary>Creates the state of <paramref name="entity"/> (generated code does, on first write or load).</summary>
    public EntityState(IMapped entity, EntityMapper mapper)
    {
        Entity = entity ?? throw new ArgumentNullException(nameof(entity));
        Mapper = mapper ?? throw new ArgumentNullException(nameof(mapper));
    }

    /// <summary>The instance.</summary>
    internal IMapped Entity { get; }

    /// <summary>Its mapping.</summary>
    internal EntityMapper Mapper { get; }

    /// <summary>The session the instance is in (pending, persistent or deleted there); null when transient or detached.</summary>
    internal IStateOwner? Owner { get; set; }

    /// <summary>The primary key the instance has in the database (its identity-map key); null until it was flushed or loaded.</summary>
    internal IdentityKey? Key { get; set; }

    /// <summary>Whether the instance's row is (to the session) in the database.</summary>
    internal bool Persistent => Key is not null;

    /// <summary>Whether the session will delete the instance's row at the next flush, or has deleted it.</summary>
    internal bool Deleted { get; set; }

    /// <summary>The session whose flush deleted the row, until its transaction ends (the instance is "deleted" until then, then detached).</summary>
    internal IStateOwner? DeletedIn { get; set; }

    /// <summary>Whether attribute <paramref name="index"/> is unloaded because it was expired.</summary>
    internal bool IsExpired(int index) => _expired is not null && _expired[index] && !IsLoaded(index);

    internal bool HasModifications => _modifiedCount > 0;

    internal bool HasUnloaded => _unloadedCount > 0;

    internal bool IsLoaded(int index) => _unloaded is null || !_unloaded[index];

    internal bool IsModified(int index) => _modified is not null && _modified[index];

    /// <summary>
    /// Called by a generated getter: an attribute not loaded is loaded (inside RunSyncAsync) or refused. A many-to-one
    /// whose target the identity map holds is served from it, with no SQL.
    /// </summary>
    public void OnRead(int index)
    {
        if (_unloadedCount == 0 || !_unloaded![index])
            return;
        var relationship = Mapper.RelationshipAt(index);
        if (relationship is not null && StrategyOf(relationship) != LazyStrategy.Raise && Owner is { } holder && holder.TryLoadFromIdentityMap(this, relationship))
            return;
        if (Owner is { LoadsSynchronously: true } owner && (relationship is null || StrategyOf(relationship) is not (LazyStrategy.Raise or LazyStrategy.RaiseOnSql)))
        {
            owner.Load(this, index);
            return;
        }
        throw LazyLoadErrors.ForAttribute(this, index);
    }

    // Per relationship attribute: the strategy a query's loader option gave this instance, over the relationship's default.
    private Dictionary<int, LazyStrategy>? _strategies;

    /// <summary>How an unloaded relationship of this instance may load: a query's loader option, else the relationship's default.</summary>
    internal LazyStrategy StrategyOf(MappedRelationship relationship) =>
        _strategies is not null && _strategies.TryGetValue(relationship.Index, out var strategy) ? strategy : relationship.Lazy;

    internal void SetStrategy(MappedRelationship relationship, LazyStrategy strategy) => (_strategies ??= [])[relationship.Index] = strategy;

    // Per relationship attribute: what was added to and removed from its collection since the last flush.
    private Dictionary<int, CollectionChanges>? _collectionChanges;

    /// <summary>The adds and removes of a collection since the last flush.</summary>
    internal sealed class CollectionChanges
    {
        public List<object> Added { get; } = [];

        public List<object> Removed { get; } = [];
    }

    internal CollectionChanges? ChangesOf(int index) => _collectionChanges?.GetValueOrDefault(index);

    /// <summary>
    /// Called by a generated setter of a reference relationship before it stores <paramref name="value"/>: records the
    /// change and keeps the reverse relationship in sync in memory.
    /// </summary>
    public void OnReferenceWrite(int index, object? old, object? value)
    {
        if (ReferenceEquals(old, value) && IsLoaded(index))
            return;
        var relationship = Mapper.RelationshipAt(index) ?? throw new ArgumentOutOfRangeException(nameof(index), "Not a relationship attribute.");
        MarkModified(index, IsLoaded(index) ? old : NoValue);
        if (relationship.Back is { } back)
        {
            if (old is IMapped previous && !ReferenceEquals(previous, value))
                Quietly(previous, back, Entity, added: false);
            if (value is IMapped next)
                Quietly(next, back, Entity, added: true);
        }
        Owner?.Modified(this);
    }

    /// <summary>An add to (or remove from) a collection: recorded, and mirrored on the reverse side.</summary>
    internal void OnCollectionChange(int index, object item, bool added)
    {
        var relationship = Mapper.RelationshipAt(index)!;
        var changes = (_collectionChanges ??= [])!.GetValueOrDefault(index) ?? (_collectionChanges[index] = new CollectionChanges());
        // An add then a remove of the same item (or the reverse) cancels out.
        var (record, cancel) = added ? (changes.Added, changes.Removed) : (changes.Removed, changes.Added);
        var at = cancel.FindIndex(i => ReferenceEquals(i, item));
        if (at >= 0)
            cancel.RemoveAt(at);
        else
            record.Add(item);
        MarkModified(index, NoValue);
        if (relationship.Back is { } back && item is IMapped other)
        {
            // Moving an item to this collection takes it out of its previous parent's.
            if (added && back.Kind == RelationshipKind.Reference && back.Read(other) is IMapped previous && !ReferenceEquals(previous, Entity))
                Quietly(previous, relationship, other, added: false);
            Quietly(other, back, Entity, added);
        }
        Owner?.Modified(this);
    }

    // Mirrors a change on the reverse side of a relationship without recording it there (the side changed records it).
    private static void Quietly(IMapped target, MappedRelationship relationship, IMapped value, bool added)
    {
        var state = target.EntityState;
        if (relationship.Kind == RelationshipKind.Reference)
        {
            if (added)
                relationship.Write(target, value);
            else if (ReferenceEquals(relationship.Read(target), value))
                relationship.Write(target, null);
            return;
        }
        // A collection not loaded stays unloaded: its load will read the row as the flush leaves it.
        if (!state.IsLoaded(relationship.Index))
            return;
        var collection = relationship.Collection(target);
        if (added)
            collection.AddQuietly(value);
        else
            collection.RemoveQuietly(value);
    }

    private void MarkModified(int index, object? old)
    {
        if (_modified is null || !_modified[index])
        {
            _modified ??= new bool[Mapper.AttributeCount];
            _modified[index] = true;
            _modifiedCount++;
            if (Key is not null)
            {
                _committed ??= new object?[Mapper.AttributeCount];
                _committed[index] = old;
            }
        }
        MarkLoaded(index);
    }

    /// <summary>Called by a generated setter before it stores a new value: records the change.</summary>
    public void OnWrite(int index)
    {
        if (_modified is not null && _modified[index])
            return;
        MarkModified(index, IsLoaded(index) ? Mapper.Columns[index].Read(Entity) : NoValue);
        Owner?.Modified(this);
    }

    /// <summary>The value <paramref name="index"/> had before it was modified; false when it was not, or no value was loaded.</summary>
    internal bool TryGetCommitted(int index, out object? value)
    {
        value = _committed?[index];
        return IsModified(index) && _committed is not null && !ReferenceEquals(value, NoValue);
    }

    /// <summary>
    /// Whether a modified attribute's value differs from what it was (unknown old values count as different): for a
    /// reference, another instance; for a collection, an add or remove that was not undone.
    /// </summary>
    internal bool Changed(int index)
    {
        if (!IsModified(index))
            return false;
        if (Mapper.RelationshipAt(index) is not { } relationship)
            return !TryGetCommitted(index, out var old) || !Equals(old, Mapper.Columns[index].Read(Entity));
        if (relationship.IsCollection)
            return ChangesOf(index) is { } changes && (changes.Added.Count > 0 || changes.Removed.Count > 0);
        return !TryGetCommitted(index, out var previous) || !ReferenceEquals(previous, relationship.Read(Entity));
    }

    internal void MarkLoaded(int index)
    {
        if (_expired is not null)
            _expired[index] = false;
        if (_unloaded is not null && _unloaded[index])
        {
            _unloaded[index] = false;
            _unloadedCount--;
        }
    }

    internal void MarkUnloaded(int index)
    {
        _unloaded ??= new bool[Mapper.AttributeCount];
        if (!_unloaded[index])
        {
            _unloaded[index] = true;
            _unloadedCount++;
        }
    }

    /// <summary>Whether a column the entity's SELECT reads (not a deferred one) is unloaded: the instance is expired.</summary>
    internal bool HasUnloadedNonDeferred() => _unloadedCount > 0 && Mapper.Columns.Any(c => _unloaded![c.Index] && !c.Deferred);

    /// <summary>Clears what the constructor recorded, before a row's values are stored in a new instance.</summary>
    internal void ResetForLoad()
    {
        ClearModified();
        if (_unloaded is not null)
            Array.Clear(_unloaded);
        if (_expired is not null)
            Array.Clear(_expired);
        _unloadedCount = 0;
    }

    /// <summary>Forgets every modification: after a flush wrote them, or a refresh replaced them.</summary>
    internal void ClearModified()
    {
        _collectionChanges = null;
        if (_modifiedCount == 0)
            return;
        Array.Clear(_modified!);
        if (_committed is not null)
            Array.Clear(_committed);
        _modifiedCount = 0;
    }

    /// <summary>Forgets the modification of one attribute (a refresh loaded it anew).</summary>
    internal void ClearModified(int index)
    {
        _collectionChanges?.Remove(index);
        if (!IsModified(index))
            return;
        _modified![index] = false;
        if (_committed is not null)
            _committed[index] = null;
        _modifiedCount--;
    }

    /// <summary>Marks attribute <paramref name="index"/> expired: its next read loads it (or is refused outside RunSyncAsync).</summary>
    internal void Expire(int index)
    {
        ClearModified(index);
        MarkUnloaded(index);
        (_expired ??= new bool[Mapper.AttributeCount])[index] = true;
    }

    /// <summary>The names of the attributes not loaded, for messages.</summary>
    internal IEnumerable<string> UnloadedNames() =>
        Enumerable.Range(0, Mapper.AttributeCount).Where(i => !IsLoaded(i)).Select(Mapper.AttributeName);

    /// <summary>
    /// The value of attribute <paramref name="index"/>, loaded first when it is not (no SQL when it is): what
    /// <c>await entity.AwaitableAttrs.Name</c> runs.
    /// </summary>
    public static async ValueTask<TValue> LoadAsync<TEntity, TValue>(TEntity entity, int index, Func<TEntity, TValue> read)
        where TEntity : class, IMapped<TEntity>
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(read);
        var state = entity.EntityState;
        if (!state.IsLoaded(index))
        {
            if (state.Owner is not { } owner)
                throw LazyLoadErrors.Detached(state, index);
            await owner.LoadAsync(state, index).ConfigureAwait(false);
        }
        return read(entity);
    }

    /// <summary>Where the instance stands with respect to a session (what <see cref="InstanceState.Status"/> reports).</summary>
    internal InstanceStatus Status => this switch
    {
        { Key: null, Owner: null } => InstanceStatus.Transient,
        { Key: null } => InstanceStatus.Pending,
        { Owner: not null } => InstanceStatus.Persistent,
        { DeletedIn: not null } => InstanceStatus.Deleted,
        _ => InstanceStatus.Detached,
    };

    /// <inheritdoc />
    public override string ToString() =>
        $"{Mapper.EntityType.Name} {(Status == InstanceStatus.Persistent && Deleted ? "persistent, marked for deletion" : Status.ToString().ToLowerInvariant())}";
}
