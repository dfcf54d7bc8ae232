using Framework.Sql;

namespace Framework.Orm;

/// <summary>
/// A relationship property of a mapped entity (SQLAlchemy's <c>RelationshipProperty</c>), as
/// <see cref="EntityMapper.Relationships"/> lists it: its name, what it holds, its target, its direction and reverse, and how
/// it loads by default. Read it to build on the mapping (a serializer that skips unloaded relationships, an eager-load policy).
/// </summary>
public abstract class MappedRelationship
{
    private protected MappedRelationship(string propertyName, RelationshipKind kind, RelationshipOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(propertyName);
        PropertyName = propertyName;
        Kind = kind;
        Options = options ?? new RelationshipOptions();
        Cascade = ParseCascade(Options.Cascade);
        Lazy = kind == RelationshipKind.WriteOnly ? LazyStrategy.WriteOnly : Options.Lazy;
    }

    /// <summary>The property's name.</summary>
    public string PropertyName { get; }

    /// <summary>What the property holds.</summary>
    public RelationshipKind Kind { get; }

    /// <summary>The configuration.</summary>
    public RelationshipOptions Options { get; }

    /// <summary>The mapping the property belongs to.</summary>
    public EntityMapper Mapper { get; internal set; } = null!;

    /// <summary>The property's position among its entity's attributes (after the mapped columns).</summary>
    public int Index { get; internal set; } = -1;

    /// <summary>The mapping of the related class.</summary>
    public abstract EntityMapper Target { get; }

    /// <summary>How it loads when no loader option says otherwise (<see cref="RelationshipAttribute.Lazy"/>).</summary>
    public LazyStrategy Lazy { get; }

    internal Cascades Cascade { get; }

    /// <summary>Whether it holds a collection (a list, a set or a write-only collection) rather than one instance.</summary>
    public bool IsCollection => Kind != RelationshipKind.Reference;

    /// <summary>Which side holds the foreign key (known once the mappers are configured, as reading <see cref="EntityMapper.Relationships"/> does).</summary>
    public RelationshipDirection Direction { get; private set; }

    /// <summary>
    /// The columns that join the tables: (Parent, Child) pairs meaning child.Child = parent.Parent. For a one-to-many
    /// this entity is the parent; for a many-to-one, the target is. For a many-to-many, Parent is this entity's column
    /// and Child the association table's column that refers to it.
    /// </summary>
    internal (MappedColumn? Parent, Column ParentColumn, MappedColumn? Child, Column ChildColumn)[] Pairs { get; private set; } = [];

    /// <summary>For a many-to-many: (target's column, association table's column) pairs.</summary>
    internal (MappedColumn Target, Column Secondary)[] TargetPairs { get; private set; } = [];

    /// <summary>For a many-to-many: the association table.</summary>
    internal Table? Secondary { get; private set; }

    /// <summary>The target's relationship that is this one's reverse (its back-populated pair), kept in sync in memory; null when it has none.</summary>
    public MappedRelationship? Back { get; private set; }

    /// <summary>The ORDER BY of a collection's load.</summary>
    internal ColumnElement[] OrderBy { get; private set; } = [];

    /// <summary>The field's value: the collection (made when missing) or the referenced instance.</summary>
    internal abstract object? Read(object entity);

    /// <summary>Stores a referenced instance in the field, recording nothing.</summary>
    internal abstract void Write(object entity, object? value);

    /// <summary>The collection object of an instance, made when missing.</summary>
    internal RelationshipCollection Collection(object entity) => (RelationshipCollection)Read(entity)!;

    private static Cascades ParseCascade(string? cascade)
    {
        if (cascade is null)
            return Cascades.SaveUpdate | Cascades.Merge;
        var result = Cascades.None;
        foreach (var part in cascade.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            result |= part.ToLowerInvariant() switch
            {
                "save-update" => Cascades.SaveUpdate,
                "merge" => Cascades.Merge,
                "delete" => Cascades.Delete,
                "delete-orphan" => Cascades.DeleteOrphan,
                "expunge" => Cascades.Expunge,
                "refresh-expire" => Cascades.RefreshExpire,
                "all" => Cascades.SaveUpdate | Cascades.Merge | Cascades.Delete | Cascades.Expunge | Cascades.RefreshExpire,
                _ => throw new ArgumentException(
                    $"Unknown cascade '{part}'; the cascades are save-update, merge, delete, delete-orphan, expunge, refresh-expire and all.", nameof(cascade)),
            };
        }
        return result;
    }

    /// <summary>Finds the direction, the joining columns, the order and the reverse; run once when the mappers are configured.</summary>
    internal void Resolve()
    {
        var local = Mapper;
        var target = Target;
        if (Options.Secondary is { } secondaryName)
        {
            var secondary = local.Table.MetaData.Tables.TryGetValue(secondaryName, out var table) ? table : throw Problem(
                $"its association table {Identifiers.Quoted(secondaryName)} is not in the MetaData of {local.EntityType.Name}; declare it there (new Table(\"{Identifiers.Shortened(secondaryName)}\", Base.MetaData, ...)).");
            Direction = RelationshipDirection.ManyToMany;
            Secondary = secondary;
            var toLocal = secondary.C.Where(c => c.ForeignKey?.TargetTable == local.Table.Name).ToArray();
            var toTarget = secondary.C.Where(c => c.ForeignKey?.TargetTable == target.Table.Name && !toLocal.Contains(c)).ToArray();
            if (ReferenceEquals(local, target))
            {
                // Self-referential many-to-many: the first foreign key is this side, the second the target's, unless ForeignKeys says.
                var named = NamedForeignKeys(secondary);
                toLocal = named.Length > 0 ? named : [.. secondary.C.Where(c => c.ForeignKey?.TargetTable == local.Table.Name).Take(1)];
                toTarget = [.. secondary.C.Where(c => c.ForeignKey?.TargetTable == local.Table.Name && !toLocal.Contains(c))];
            }
            if (toLocal.Length == 0 || toTarget.Length == 0)
                throw Problem($"its association table {Identifiers.Quoted(secondaryName)} needs foreign keys to both {Identifiers.Quoted(local.Table.Name)} and {Identifiers.Quoted(target.Table.Name)}.");
            Pairs = [.. toLocal.Select(c => (Find(local, c.ForeignKey!.TargetColumn), local.Table.C[c.ForeignKey!.TargetColumn], (MappedColumn?)null, c))];
            TargetPairs = [.. toTarget.Select(c => (Find(target, c.ForeignKey!.TargetColumn)!, c))];
        }
        else
        {
            var named = NamedForeignKeys(null);
            var localKeys = named.Length > 0 ? named.Where(c => ReferenceEquals(c.Table, local.Table)).ToArray() : ForeignKeysTo(local, target);
            var targetKeys = named.Length > 0 ? named.Where(c => ReferenceEquals(c.Table, target.Table)).ToArray() : ForeignKeysTo(target, local);
            // A collection is always one-to-many (for a self-referential one too); a reference is many-to-one when this
            // table holds the key, one-to-one (the reverse of a one-to-many) when the target's does.
            var manyToOne = !IsCollection && localKeys.Length > 0 && (!ReferenceEquals(local, target) || named.Length > 0 || targetKeys.Length > 0);
            if (manyToOne)
            {
                Direction = RelationshipDirection.ManyToOne;
                Pairs = [.. localKeys.Select(c => (Find(target, c.ForeignKey!.TargetColumn), target.Table.C[c.ForeignKey!.TargetColumn], Find(local, c.Name), c))];
            }
            else if (targetKeys.Length > 0)
            {
                Direction = RelationshipDirection.OneToMany;
                Pairs = [.. targetKeys.Select(c => (Find(local, c.ForeignKey!.TargetColumn), local.Table.C[c.ForeignKey!.TargetColumn], Find(target, c.Name), c))];
            }
            else
            {
                throw Problem(
                    $"no foreign key joins {Identifiers.Quoted(local.Table.Name)} and {Identifiers.Quoted(target.Table.Name)}. Add [ForeignKey(\"{Identifiers.Shortened(target.Table.Name)}.id\")] on a column of " +
                    $"one of them, or name the association table with [Relationship(Secondary = \"...\")].");
            }
            if (Pairs.Any(p => p.Parent is null || p.Child is null))
                throw Problem("its foreign key refers to a column that is not mapped on the other class; map that column.");
        }
        OrderBy = Options.OrderBy is { } orderBy ? ParseOrderBy(target.Table, orderBy) : [];
    }

    /// <summary>Finds the reverse relationship: the one BackPopulates names, or the only one over the same foreign key.</summary>
    internal void ResolveBack()
    {
        if (Options.BackPopulates is { } name)
        {
            var declared = Target.DeclaredRelationships;
            Back = declared.FirstOrDefault(r => r.PropertyName == name) ?? throw Problem(
                $"BackPopulates names {Identifiers.Quoted(name)}, which is not a relationship of {Target.EntityType.Name} " +
                $"(it has {(declared.Count == 0 ? "none" : string.Join(", ", declared.Select(r => r.PropertyName)))}).");
            return;
        }
        var candidates = Target.DeclaredRelationships.Where(r => !ReferenceEquals(r, this) && IsReverse(r)).ToList();
        if (candidates.Count == 1 && candidates[0].Options.BackPopulates is null or "")
            Back = candidates[0];
    }

    private bool IsReverse(MappedRelationship other)
    {
        if (!ReferenceEquals(other.Target, Mapper))
            return false;
        if (Direction == RelationshipDirection.ManyToMany)
            return other.Direction == RelationshipDirection.ManyToMany && ReferenceEquals(other.Secondary, Secondary)
                && other.Pairs.Select(p => p.ChildColumn).SequenceEqual(TargetPairs.Select(p => p.Secondary));
        var opposite = Direction == RelationshipDirection.OneToMany ? RelationshipDirection.ManyToOne : RelationshipDirection.OneToMany;
        return other.Direction == opposite && other.Pairs.Select(p => p.ChildColumn).SequenceEqual(Pairs.Select(p => p.ChildColumn));
    }

    private Column[] NamedForeignKeys(Table? only)
    {
        if (Options.ForeignKeys is not { } names)
            return [];
        var result = new List<Column>();
        foreach (var name in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            var tableName = dot < 0 ? only?.Name : name[..dot];
            var columnName = dot < 0 ? name : name[(dot + 1)..];
            var table = only is not null && (tableName is null || tableName == only.Name) ? only
                : tableName == Mapper.Table.Name ? Mapper.Table : tableName == Target.Table.Name ? Target.Table : null;
            var column = table?.C.TryGet(columnName);
            if (column?.ForeignKey is null)
                throw Problem($"ForeignKeys names {Identifiers.Quoted(name)}, which is not a foreign-key column of {Identifiers.Quoted(Mapper.Table.Name)}, {Identifiers.Quoted(Target.Table.Name)}{(only is null ? "" : $" or {Identifiers.Quoted(only.Name)}")}.");
            result.Add(column);
        }
        return [.. result];
    }

    private static Column[] ForeignKeysTo(EntityMapper from, EntityMapper to) =>
        [.. from.Table.C.Where(c => c.ForeignKey?.TargetTable == to.Table.Name)];

    private static MappedColumn? Find(EntityMapper mapper, string columnName) => mapper.Columns.FirstOrDefault(c => c.Column.Name == columnName);

    private ColumnElement[] ParseOrderBy(Table table, string orderBy) =>
        [.. orderBy.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(term =>
        {
            var parts = term.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var name = parts[0].Contains('.', StringComparison.Ordinal) ? parts[0][(parts[0].IndexOf('.', StringComparison.Ordinal) + 1)..] : parts[0];
            var column = table.C.TryGet(name) ?? throw Problem($"OrderBy names {Identifiers.Quoted(parts[0])}, which is not a column of {Identifiers.Quoted(table.Name)}.");
            var desc = parts.Length > 1 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
            return desc ? column.Desc() : (ColumnElement)column;
        })];

    private InvalidOperationException Problem(string what) =>
        new($"The relationship {Mapper.EntityType.Name}.{PropertyName} cannot be configured: {what}");

    /// <inheritdoc />
    public override string ToString() => $"{Mapper?.EntityType.Name}.{PropertyName}";
}
