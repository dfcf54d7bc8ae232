using Framework.Orm.Internal;

namespace Framework.Orm;

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
