using System.ComponentModel;
using System.Globalization;
using Framework.Orm.Internal;
using Framework.Sql;

namespace Framework.Orm;

/// <summary>
/// How an entity type maps to its table (SQLAlchemy's <c>Mapper</c>): the table, the mapped columns in order, the primary
/// key and the relationships. Built once per type by generated code; read it with <c>Inspection.Mapper&lt;T&gt;()</c> or
/// <c>Inspection.Inspect(entity).Mapper</c>.
/// </summary>
public abstract class EntityMapper
{
    private static readonly Lock ConfigureLock = new();
    private volatile bool _configured;

    private protected EntityMapper(Type entityType, string tableName, MetaData metadata, IReadOnlyList<MappedColumn> columns,
        IReadOnlyList<MappedRelationship> relationships, bool eagerDefaults, ISchemaItem[] tableItems)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(relationships);
        EntityType = entityType;
        Columns = columns;
        _relationships = relationships;
        for (var i = 0; i < relationships.Count; i++)
        {
            if (relationships[i].Index >= 0)
                throw new ArgumentException($"The relationship {relationships[i].PropertyName} already belongs to another mapper.", nameof(relationships));
            relationships[i].Index = columns.Count + i;
            relationships[i].Mapper = this;
        }
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Index >= 0)
                throw new ArgumentException($"The mapped column {columns[i].PropertyName} already belongs to another mapper.", nameof(columns));
            columns[i].Index = i;
            columns[i].Mapper = this;
        }
        Table = new Table(tableName, metadata, [.. columns.Select(c => (ISchemaItem)c.Column), .. tableItems]);
        PrimaryKey = [.. columns.Where(c => c.Column.PrimaryKey)];
        if (PrimaryKey.Length == 0)
            throw new ArgumentException($"{entityType.Name} maps no primary key: mark its key property (or properties) with [PrimaryKey].", nameof(columns));
        Version = columns.FirstOrDefault(c => c.Version);
        EagerDefaults = eagerDefaults;
    }

    /// <summary>The entity type.</summary>
    public Type EntityType { get; }

    /// <summary>The table.</summary>
    public Table Table { get; }

    /// <summary>The mapped columns, in declaration order (their <see cref="MappedColumn.Index"/>).</summary>
    public IReadOnlyList<MappedColumn> Columns { get; }

    /// <summary>Whether a flush reads server-generated values back with RETURNING.</summary>
    public bool EagerDefaults { get; }

    private readonly IReadOnlyList<MappedRelationship> _relationships;

    /// <summary>
    /// The relationship properties, in declaration order (their <see cref="MappedRelationship.Index"/> follows the
    /// columns'), configured against their targets on first access.
    /// </summary>
    public IReadOnlyList<MappedRelationship> Relationships
    {
        get
        {
            if (!_configured)
                Configure();
            return _relationships;
        }
    }

    /// <summary>The relationships, not configured yet (what configuration itself reads).</summary>
    internal IReadOnlyList<MappedRelationship> DeclaredRelationships => _relationships;

    /// <summary>How many attributes instances have: the mapped columns, then the relationships.</summary>
    internal int AttributeCount => Columns.Count + _relationships.Count;

    /// <summary>The relationship at attribute <paramref name="index"/>, or null for a column.</summary>
    internal MappedRelationship? RelationshipAt(int index) => index >= Columns.Count ? Relationships[index - Columns.Count] : null;

    /// <summary>The property name of attribute <paramref name="index"/>.</summary>
    internal string AttributeName(int index) => index < Columns.Count ? Columns[index].PropertyName : _relationships[index - Columns.Count].PropertyName;

    // Resolves the relationships of this mapper and of every mapper they reach, as SQLAlchemy's configure step does:
    // all of a connected group at once, so reverses can be matched.
    private void Configure()
    {
        lock (ConfigureLock)
        {
            if (_configured)
                return;
            var group = new List<EntityMapper>();
            var pending = new Stack<EntityMapper>([this]);
            while (pending.TryPop(out var mapper))
            {
                if (mapper._configured || group.Contains(mapper))
                    continue;
                group.Add(mapper);
                foreach (var relationship in mapper._relationships)
                    pending.Push(relationship.Target);
            }
            foreach (var mapper in group)
            {
                foreach (var relationship in mapper._relationships)
                    relationship.Resolve();
            }
            // Reverses are found once every direction is known; the group is configured only when all of it succeeded.
            foreach (var mapper in group)
            {
                foreach (var relationship in mapper._relationships)
                    relationship.ResolveBack();
            }
            foreach (var mapper in group)
                mapper._configured = true;
        }
    }

    /// <summary>The primary key's columns, in order.</summary>
    internal MappedColumn[] PrimaryKey { get; }

    /// <summary>The primary key's mapped columns, in order.</summary>
    public IReadOnlyList<MappedColumn> PrimaryKeyColumns => PrimaryKey;


    /// <summary>The identity key of primary key values (in the key's column order), each converted to its property's type.</summary>
    internal IdentityKey KeyFrom(IReadOnlyList<object?> values)
    {
        if (PrimaryKey.Length == 1)
            return PrimaryKey[0].KeyFrom(values[0]);
        var converted = new object?[PrimaryKey.Length];
        for (var i = 0; i < converted.Length; i++)
            converted[i] = PrimaryKey[i].ConvertValue(values[i]);
        return new CompositeIdentityKey(this, converted);
    }

    /// <summary>The identity key of the primary key values an instance holds now.</summary>
    internal IdentityKey KeyOf(object entity)
    {
        if (PrimaryKey.Length == 1)
            return PrimaryKey[0].KeyOf(entity);
        var values = new object?[PrimaryKey.Length];
        for (var i = 0; i < values.Length; i++)
            values[i] = PrimaryKey[i].Read(entity);
        return new CompositeIdentityKey(this, values);
    }

    /// <summary>The version counter, when the entity has one.</summary>
    internal MappedColumn? Version { get; }

    /// <summary>A new, empty instance, as loading makes one (its constructor runs; its state is attached after).</summary>
    internal abstract IMapped Create();

    /// <summary>
    /// What an entity's generated <c>ToString</c> returns: its type and primary key by property name, <c>Author(Id=3)</c>
    /// or <c>Tag(A=1, B=2)</c>. An instance with no key yet (not flushed, and every key property still holds its type's
    /// default, the 0 of an int key before its INSERT) prints <c>Author(pending)</c> when a session holds it and
    /// <c>Author(transient)</c> otherwise. Reads fields only, so it never loads, never throws on an expired instance, and
    /// never creates the instance's state.
    /// </summary>
    /// <param name="entity">The instance.</param>
    /// <param name="state">Its state, or null when nothing made it yet.</param>
    internal string Describe(object entity, EntityState? state)
    {
        ArgumentNullException.ThrowIfNull(entity);
        // A flushed or loaded instance is its identity key, even after a change to a key property not flushed yet.
        if (state?.Key is { } key)
            return Describe(key.Values);
        if (PrimaryKey.All(c => c.HoldsDefault(entity)))
            return $"{EntityType.Name}({(state?.Owner is null ? "transient" : "pending")})";
        return Describe(PrimaryKey.Select(c => c.Read(entity)).ToList());
    }

    private string Describe(IReadOnlyList<object?> keyValues) =>
        $"{EntityType.Name}({string.Join(", ", PrimaryKey.Select((c, i) => c.PropertyName + "=" + (keyValues[i] is { } value ? Convert.ToString(value, CultureInfo.InvariantCulture) : "null")))})";

    /// <inheritdoc />
    public override string ToString() => $"{EntityType.Name} -> {Table.Name}";
}

/// <summary>The mapping of <typeparamref name="TEntity"/> (generated code builds it with <see cref="Internal.Instrumentation"/>).</summary>
/// <typeparam name="TEntity">The entity type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class EntityMapper<TEntity> : EntityMapper
    where TEntity : class, IMapped<TEntity>
{
    private readonly Func<TEntity> _factory;

    /// <summary>Maps <typeparamref name="TEntity"/>, with relationship properties, to a new table in <paramref name="metadata"/>.</summary>
    /// <param name="tableName">The table's name.</param>
    /// <param name="metadata">The MetaData of the entity's declarative base.</param>
    /// <param name="factory">Makes an empty instance.</param>
    /// <param name="columns">The mapped columns, in declaration order.</param>
    /// <param name="relationships">The relationship properties, in declaration order.</param>
    /// <param name="eagerDefaults">Whether a flush reads server-generated values back with RETURNING.</param>
    /// <param name="tableItems">Further constraints and indexes of the table.</param>
    internal EntityMapper(string tableName, MetaData metadata, Func<TEntity> factory, IReadOnlyList<MappedColumn> columns,
        IReadOnlyList<MappedRelationship> relationships, bool eagerDefaults, ISchemaItem[] tableItems)
        : base(typeof(TEntity), tableName, metadata, columns, relationships, eagerDefaults, tableItems)
    {
        _factory = factory ?? throw new ArgumentNullException(nameof(factory));
    }

    internal override IMapped Create() => _factory();
}
