using Framework.Orm;
using Framework.Orm.Internal;
using Framework.Sql;
using static Framework.Tests.Orm.HandAccessors;

namespace Framework.Tests.Orm;

// Entities written by hand exactly as the source generator writes them (src/Framework.SourceGenerators), so the
// session's behaviour is tested apart from the generator: each property reads through OnRead and writes through OnWrite.

/// <summary>The bodies of the generated accessors, once: what each hand-written property's get and set do.</summary>
internal static class HandAccessors
{
    /// <summary>The instance's state, made on first use (the generated <c>IMapped.EntityState</c>).</summary>
    public static EntityState State<TEntity>(TEntity entity, ref EntityState? state)
        where TEntity : class, IMapped<TEntity> => state ??= new EntityState(entity, TEntity.Mapper);

    /// <summary>A generated getter: reports the read (which may load the field), then returns the field.</summary>
    public static T Read<T>(EntityState? state, int index, ref T field)
    {
        state?.OnRead(index);
        return field;
    }

    /// <summary>A generated setter of a column: records the change, then stores the value.</summary>
    public static void Write<TEntity, T>(TEntity entity, ref EntityState? state, int index, ref T field, T value)
        where TEntity : class, IMapped<TEntity>
    {
        State(entity, ref state).OnWrite(index);
        field = value;
    }

    /// <summary>A generated setter of a reference relationship: records the change (and syncs the reverse side), then stores the instance.</summary>
    public static void WriteReference<TEntity, T>(TEntity entity, ref EntityState? state, int index, ref T? field, T? value)
        where TEntity : class, IMapped<TEntity>
        where T : class
    {
        State(entity, ref state).OnReferenceWrite(index, field, value);
        field = value;
    }
}

internal static class HandModel
{
    public static readonly MetaData MetaData = new();
    public static readonly EntityMapper<OrmUser> User = OrmUser.BuildMapper(MetaData);
    public static readonly EntityMapper<OrmStamp> Stamp = OrmStamp.BuildMapper(MetaData);
    public static readonly EntityMapper<OrmPair> Pair = OrmPair.BuildMapper(MetaData);
}

/// <summary>[Table("orm_user")]: Id (identity), Name, Note?, Created (server default), Bio? [Deferred], Version [Version].</summary>
public sealed class OrmUser : IMapped<OrmUser>
{
    private EntityState? _state;
    private int _id;
    private string _name = "";
    private string? _note;
    private DateTime _created;
    private string? _bio;
    private int _version;

    EntityState IMapped.EntityState => State(this, ref _state);

    public static EntityMapper<OrmUser> Mapper => HandModel.User;

    public int Id
    {
        get => Read(_state, 0, ref _id);
        set => Write(this, ref _state, 0, ref _id, value);
    }

    public string Name
    {
        get => Read(_state, 1, ref _name);
        set => Write(this, ref _state, 1, ref _name, value);
    }

    public string? Note
    {
        get => Read(_state, 2, ref _note);
        set => Write(this, ref _state, 2, ref _note, value);
    }

    public DateTime Created
    {
        get => Read(_state, 3, ref _created);
        set => Write(this, ref _state, 3, ref _created, value);
    }

    public string? Bio
    {
        get => Read(_state, 4, ref _bio);
        set => Write(this, ref _state, 4, ref _bio, value);
    }

    public int Version
    {
        get => Read(_state, 5, ref _version);
        set => Write(this, ref _state, 5, ref _version, value);
    }

    public AwaitableAttributes AwaitableAttrs => new(this);

    internal static EntityMapper<OrmUser> BuildMapper(MetaData metadata) => Instrumentation.Mapper<OrmUser>("orm_user", metadata, static () => new OrmUser(), [
        new MappedColumn<OrmUser, int>("Id", new Column<int>("id", primaryKey: true), static e => e._id, static (e, v) => e._id = v),
        new MappedColumn<OrmUser, string>("Name", new Column<string>("name", nullable: false), static e => e._name, static (e, v) => e._name = v),
        new MappedColumn<OrmUser, string?>("Note", new Column<string?>("note", nullable: true), static e => e._note, static (e, v) => e._note = v),
        new MappedColumn<OrmUser, DateTime>("Created", new Column<DateTime>("created", serverDefault: "CURRENT_TIMESTAMP"), static e => e._created, static (e, v) => e._created = v),
        new MappedColumn<OrmUser, string?>("Bio", new Column<string?>("bio", nullable: true), static e => e._bio, static (e, v) => e._bio = v, MappedColumnOptions.Deferred),
        new MappedColumn<OrmUser, int>("Version", new Column<int>("version"), static e => e._version, static (e, v) => e._version = v, MappedColumnOptions.Version),
    ]);

    public readonly struct AwaitableAttributes
    {
        private readonly OrmUser _entity;

        internal AwaitableAttributes(OrmUser entity) => _entity = entity;

        public ValueTask<string?> Note => EntityState.LoadAsync(_entity, 2, static e => e._note);

        public ValueTask<DateTime> Created => EntityState.LoadAsync(_entity, 3, static e => e._created);

        public ValueTask<string?> Bio => EntityState.LoadAsync(_entity, 4, static e => e._bio);
    }
}

/// <summary>[Table("orm_stamp", EagerDefaults = true)]: Id (identity), Label, Stamp (server default).</summary>
public sealed class OrmStamp : IMapped<OrmStamp>
{
    private EntityState? _state;
    private int _id;
    private string? _label;
    private string _kind = "";

    EntityState IMapped.EntityState => State(this, ref _state);

    public static EntityMapper<OrmStamp> Mapper => HandModel.Stamp;

    public int Id
    {
        get => Read(_state, 0, ref _id);
        set => Write(this, ref _state, 0, ref _id, value);
    }

    public string? Label
    {
        get => Read(_state, 1, ref _label);
        set => Write(this, ref _state, 1, ref _label, value);
    }

    public string Kind
    {
        get => Read(_state, 2, ref _kind);
        set => Write(this, ref _state, 2, ref _kind, value);
    }

    internal static EntityMapper<OrmStamp> BuildMapper(MetaData metadata) => Instrumentation.Mapper<OrmStamp>("orm_stamp", metadata, static () => new OrmStamp(), [
        new MappedColumn<OrmStamp, int>("Id", new Column<int>("id", primaryKey: true), static e => e._id, static (e, v) => e._id = v),
        new MappedColumn<OrmStamp, string?>("Label", new Column<string?>("label", nullable: true), static e => e._label, static (e, v) => e._label = v),
        new MappedColumn<OrmStamp, string>("Kind", new Column<string>("kind", serverDefault: "'plain'"), static e => e._kind, static (e, v) => e._kind = v),
    ], eagerDefaults: true);
}

/// <summary>[Table("orm_pair")]: a composite key (Left, Right) and a Value.</summary>
public sealed class OrmPair : IMapped<OrmPair>
{
    private EntityState? _state;
    private int _left;
    private string _right = "";
    private string? _value;

    EntityState IMapped.EntityState => State(this, ref _state);

    public static EntityMapper<OrmPair> Mapper => HandModel.Pair;

    public int Left
    {
        get => Read(_state, 0, ref _left);
        set => Write(this, ref _state, 0, ref _left, value);
    }

    public string Right
    {
        get => Read(_state, 1, ref _right);
        set => Write(this, ref _state, 1, ref _right, value);
    }

    public string? Value
    {
        get => Read(_state, 2, ref _value);
        set => Write(this, ref _state, 2, ref _value, value);
    }

    internal static EntityMapper<OrmPair> BuildMapper(MetaData metadata) => Instrumentation.Mapper<OrmPair>("orm_pair", metadata, static () => new OrmPair(), [
        new MappedColumn<OrmPair, int>("Left", new Column<int>("left_id", primaryKey: true), static e => e._left, static (e, v) => e._left = v),
        new MappedColumn<OrmPair, string>("Right", new Column<string>("right_id", primaryKey: true), static e => e._right, static (e, v) => e._right = v),
        new MappedColumn<OrmPair, string?>("Value", new Column<string?>("value", nullable: true), static e => e._value, static (e, v) => e._value = v),
    ]);
}

/// <summary>A second hand-written model with relationships: parent 1—* child (back-populated), as the generator writes them.</summary>
internal static class RelModel
{
    public static readonly MetaData MetaData = new();
    public static readonly EntityMapper<RelParent> Parent = RelParent.BuildMapper(MetaData);
    public static readonly EntityMapper<RelChild> Child = RelChild.BuildMapper(MetaData);
}

/// <summary>[Table("rel_parent")]: Id, Name, Children (IList of RelChild, back-populates Parent).</summary>
public sealed class RelParent : IMapped<RelParent>
{
    private EntityState? _state;
    private int _id;
    private string _name = "";
    private RelationshipList<RelChild>? _children;

    EntityState IMapped.EntityState => State(this, ref _state);

    public static EntityMapper<RelParent> Mapper => RelModel.Parent;

    public int Id
    {
        get => Read(_state, 0, ref _id);
        set => Write(this, ref _state, 0, ref _id, value);
    }

    public string Name
    {
        get => Read(_state, 1, ref _name);
        set => Write(this, ref _state, 1, ref _name, value);
    }

    public IList<RelChild> Children
    {
        get { _state?.OnRead(2); return _children ??= Instrumentation.List<RelChild>(this, 2); }
        set { _state?.OnRead(2); Instrumentation.Assign(_children ??= Instrumentation.List<RelChild>(this, 2), value); }
    }

    public AwaitableAttributes AwaitableAttrs => new(this);

    internal static EntityMapper<RelParent> BuildMapper(MetaData metadata) => Instrumentation.Mapper<RelParent>("rel_parent", metadata, static () => new RelParent(), [
        new MappedColumn<RelParent, int>("Id", new Column<int>("id", primaryKey: true), static e => e._id, static (e, v) => e._id = v),
        new MappedColumn<RelParent, string>("Name", new Column<string>("name"), static e => e._name, static (e, v) => e._name = v),
    ], [
        new MappedRelationship<RelParent, RelChild>("Children", RelationshipKind.List, static e => e._children ??= Instrumentation.List<RelChild>(e, 2), null,
            new RelationshipOptions { BackPopulates = "Parent", Cascade = "all, delete-orphan" }),
    ]);

    public readonly struct AwaitableAttributes
    {
        private readonly RelParent _entity;

        internal AwaitableAttributes(RelParent entity) => _entity = entity;

        public ValueTask<IList<RelChild>> Children => EntityState.LoadAsync(_entity, 2, static e => (IList<RelChild>)(e._children ??= Instrumentation.List<RelChild>(e, 2)));
    }
}

/// <summary>[Table("rel_child")]: Id, ParentId (FK rel_parent.id), Name, Parent (back-populates Children).</summary>
public sealed class RelChild : IMapped<RelChild>
{
    private EntityState? _state;
    private int _id;
    private int? _parentId;
    private string _name = "";
    private RelParent? _parent;

    EntityState IMapped.EntityState => State(this, ref _state);

    public static EntityMapper<RelChild> Mapper => RelModel.Child;

    public int Id
    {
        get => Read(_state, 0, ref _id);
        set => Write(this, ref _state, 0, ref _id, value);
    }

    public int? ParentId
    {
        get => Read(_state, 1, ref _parentId);
        set => Write(this, ref _state, 1, ref _parentId, value);
    }

    public string Name
    {
        get => Read(_state, 2, ref _name);
        set => Write(this, ref _state, 2, ref _name, value);
    }

    public RelParent? Parent
    {
        get => Read(_state, 3, ref _parent);
        set => WriteReference(this, ref _state, 3, ref _parent, value);
    }

    internal static EntityMapper<RelChild> BuildMapper(MetaData metadata) => Instrumentation.Mapper<RelChild>("rel_child", metadata, static () => new RelChild(), [
        new MappedColumn<RelChild, int>("Id", new Column<int>("id", primaryKey: true), static e => e._id, static (e, v) => e._id = v),
        new MappedColumn<RelChild, int?>("ParentId", new Column<int?>("parent_id", nullable: true, foreignKey: new ForeignKey("rel_parent.id")), static e => e._parentId, static (e, v) => e._parentId = v),
        new MappedColumn<RelChild, string>("Name", new Column<string>("name"), static e => e._name, static (e, v) => e._name = v),
    ], [
        new MappedRelationship<RelChild, RelParent>("Parent", RelationshipKind.Reference, static e => e._parent, static (e, v) => e._parent = v,
            new RelationshipOptions { BackPopulates = "Children" }),
    ]);
}
