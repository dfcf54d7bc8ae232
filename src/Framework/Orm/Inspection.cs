using Framework.Orm.Internal;

namespace Framework.Orm;

/// <summary>
/// SQLAlchemy's <c>inspect()</c> for mapped instances and classes: what the ORM knows of an instance (its state, key,
/// session and attributes) and of an entity type (its mapper), read without loading anything and without raising
/// <see cref="LazyLoadException"/>. <c>using static Framework.Orm.Inspection;</c> then <c>Inspect(author)</c>.
/// </summary>
public static class Inspection
{
    /// <summary>The ORM state of <paramref name="entity"/>, a live view: it follows the instance as the session changes it.</summary>
    /// <exception cref="ArgumentException">The object is not a mapped entity.</exception>
    public static InstanceState Inspect(object entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity is not IMapped mapped)
        {
            throw new ArgumentException(
                $"{entity.GetType().Name} is not a mapped entity, so there is nothing to inspect: mark it [Table(\"name\")], make it partial, " +
                "and derive it from a [DeclarativeBase] class.", nameof(entity));
        }
        return new InstanceState(mapped.EntityState);
    }

    /// <summary>
    /// Whether attribute <paramref name="attributeIndex"/> of <paramref name="entity"/> (a <see cref="MappedColumn.Index"/> or
    /// <see cref="MappedRelationship.Index"/>) is loaded, so that reading its property does no I/O and raises nothing. The
    /// same answer as <c>Inspect(entity).Attributes[attributeIndex].IsLoaded</c> without allocating: for code that checks
    /// many instances, such as a serializer's contract.
    /// </summary>
    /// <exception cref="ArgumentException">The object is not a mapped entity.</exception>
    public static bool IsLoaded(object entity, int attributeIndex)
    {
        if (entity is not IMapped mapped)
            return Inspect(entity).Attributes[attributeIndex].IsLoaded;
        return mapped.EntityState.IsLoaded(attributeIndex);
    }

    /// <summary>
    /// Whether any attribute of <paramref name="entity"/> is not loaded (expired, deferred, or a relationship no loader
    /// loaded): the same answer as <c>Inspect(entity).Unloaded.Count &gt; 0</c>, in constant time and without allocating, so
    /// that code checking many instances (a serializer's contract) looks at each attribute only when one is missing.
    /// </summary>
    /// <exception cref="ArgumentException">The object is not a mapped entity.</exception>
    public static bool HasUnloaded(object entity)
    {
        if (entity is not IMapped mapped)
            return Inspect(entity).Unloaded.Count > 0;
        return mapped.EntityState.HasUnloaded;
    }

    /// <summary>The mapping of <typeparamref name="T"/>: its table, columns, primary key and relationships.</summary>
    public static EntityMapper Mapper<T>()
        where T : class, IMapped<T> => T.Mapper;
}

/// <summary>Where an instance stands with respect to a session (SQLAlchemy's object states).</summary>
public enum InstanceStatus
{
    /// <summary>In no session and never saved: no row, no identity key.</summary>
    Transient,

    /// <summary>Added to a session, not flushed yet: no row, no identity key.</summary>
    Pending,

    /// <summary>In a session with a row: it has an identity key and is in the session's identity map.</summary>
    Persistent,

    /// <summary>Its row was deleted by a flush of a transaction still in progress: a commit detaches it, a rollback makes it persistent again.</summary>
    Deleted,

    /// <summary>It has an identity key but belongs to no session (closed, expunged, or its deletion was committed).</summary>
    Detached,
}

/// <summary>
/// What the ORM knows of one instance (SQLAlchemy's <c>InstanceState</c>), from <see cref="Inspection.Inspect"/>: a live
/// view that reads the instance's hidden state and never loads or raises.
/// </summary>
public sealed class InstanceState
{
    private readonly EntityState _state;
    private AttributeState[]? _attributes;

    internal InstanceState(EntityState state) => _state = state;

    /// <summary>The instance.</summary>
    public object Object => _state.Entity;

    /// <summary>Its type's mapping.</summary>
    public EntityMapper Mapper => _state.Mapper;

    /// <summary>Where it stands: transient, pending, persistent, deleted or detached.</summary>
    public InstanceStatus Status => _state.Status;

    /// <summary>Whether it is <see cref="InstanceStatus.Transient"/>.</summary>
    public bool IsTransient => Status == InstanceStatus.Transient;

    /// <summary>Whether it is <see cref="InstanceStatus.Pending"/>.</summary>
    public bool IsPending => Status == InstanceStatus.Pending;

    /// <summary>Whether it is <see cref="InstanceStatus.Persistent"/>.</summary>
    public bool IsPersistent => Status == InstanceStatus.Persistent;

    /// <summary>Whether it is <see cref="InstanceStatus.Deleted"/>.</summary>
    public bool IsDeleted => Status == InstanceStatus.Deleted;

    /// <summary>Whether it is <see cref="InstanceStatus.Detached"/>.</summary>
    public bool IsDetached => Status == InstanceStatus.Detached;

    /// <summary>Whether a persistent instance is marked for deletion at the session's next flush (<c>DeleteAsync</c>).</summary>
    public bool IsMarkedForDeletion => _state is { Deleted: true, Owner: not null };

    /// <summary>Its primary key values in the database (its identity key), in key order; null while it has no row.</summary>
    public IReadOnlyList<object?>? Identity => _state.Key?.Values;

    /// <summary>The session it is in (pending, persistent or deleted there), as its synchronous face; null when it is in none.</summary>
    public Session? Session => Owner?.SyncFace;

    /// <summary>The session it is in, when that session is an <see cref="Orm.AsyncSession"/>; null otherwise.</summary>
    public AsyncSession? AsyncSession => Owner?.AsyncFace;

    private SessionCore? Owner => (_state.Owner ?? _state.DeletedIn) as SessionCore;

    /// <summary>Whether any attribute has a change the next flush would write.</summary>
    public bool IsModified => Attributes.Any(a => a.IsModified);

    /// <summary>Every mapped attribute: the columns in order, then the relationships.</summary>
    public IReadOnlyList<AttributeState> Attributes =>
        _attributes ??= [.. Enumerable.Range(0, _state.Mapper.AttributeCount).Select(i => new AttributeState(_state, i))];

    /// <summary>The attribute whose property is <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The entity maps no attribute of that name.</exception>
    public AttributeState this[string name] =>
        Attributes.FirstOrDefault(a => a.Name == name)
        ?? throw new ArgumentException(
            $"{Mapper.EntityType.Name} has no mapped attribute '{name}'; it has {string.Join(", ", Attributes.Select(a => a.Name))}.", nameof(name));

    /// <summary>The names of the attributes that hold nothing loaded: expired, deferred, or relationships not loaded.</summary>
    public IReadOnlyList<string> Unloaded => [.. Attributes.Where(a => !a.IsLoaded).Select(a => a.Name)];

    /// <summary>The names of the attributes a commit or an Expire call expired, not loaded since.</summary>
    public IReadOnlyList<string> Expired => [.. Attributes.Where(a => a.IsExpired).Select(a => a.Name)];

    /// <inheritdoc />
    public override string ToString() => $"{Mapper.EntityType.Name} ({Status})";
}

/// <summary>One mapped attribute of an inspected instance: whether it is loaded, expired or modified, read without loading it.</summary>
public sealed class AttributeState
{
    private readonly EntityState _state;
    private readonly int _index;

    internal AttributeState(EntityState state, int index)
    {
        _state = state;
        _index = index;
    }

    /// <summary>The property's name.</summary>
    public string Name => _state.Mapper.AttributeName(_index);

    /// <summary>The mapped column, when the attribute is one; else null.</summary>
    public MappedColumn? Column => _index < _state.Mapper.Columns.Count ? _state.Mapper.Columns[_index] : null;

    /// <summary>The relationship, when the attribute is one; else null.</summary>
    public MappedRelationship? Relationship => _state.Mapper.RelationshipAt(_index);

    /// <summary>Whether its value is loaded: reading the property then does no I/O and raises nothing.</summary>
    public bool IsLoaded => _state.IsLoaded(_index);

    /// <summary>Whether it is unloaded because a commit or an Expire call expired it (not because it is deferred or was never loaded).</summary>
    public bool IsExpired => _state.IsExpired(_index);

    /// <summary>Whether it has a change the next flush would write (a new value, another instance, or collection adds and removes).</summary>
    public bool IsModified => _state.Changed(_index);

    /// <summary>
    /// The value held now, without loading it: true and the value when it is loaded (a relationship's collection or
    /// instance), false when it is not.
    /// </summary>
    public bool TryGetLoadedValue(out object? value)
    {
        if (!IsLoaded)
        {
            value = null;
            return false;
        }
        value = Column is { } column ? column.Read(_state.Entity) : Relationship!.Read(_state.Entity);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({(IsLoaded ? IsModified ? "modified" : "loaded" : IsExpired ? "expired" : "unloaded")})";
}
