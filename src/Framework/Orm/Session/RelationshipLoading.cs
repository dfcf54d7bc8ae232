using Framework.Orm.Internal;
using Framework.Sql;
using static Framework.Sql.Expressions;

namespace Framework.Orm;

internal sealed partial class SessionCore
{
    // Keys per IN list: far under every driver's parameter limit (SQLite 32,766, PostgreSQL 65,535).
    private const int InChunk = 500;

    /// <summary>A new instance loaded from a row: its relationships are not loaded, except those that never load.</summary>
    private static void UnloadRelationships(EntityState state)
    {
        foreach (var relationship in state.Mapper.Relationships)
        {
            if (relationship.Lazy is LazyStrategy.NoLoad or LazyStrategy.WriteOnly)
                continue;
            state.MarkUnloaded(relationship.Index);
        }
    }

    public bool TryLoadFromIdentityMap(EntityState state, MappedRelationship relationship)
    {
        if (relationship.Direction != RelationshipDirection.ManyToOne || relationship.Lazy == LazyStrategy.Raise || !state.Persistent)
            return false;
        if (ForeignKey(state, relationship) is not { } key)
        {
            if (relationship.Pairs.Any(p => !state.IsLoaded(p.Child!.Index)))
                return false;
            // Every key column is loaded and null: there is no related row.
            relationship.Write(state.Entity, null);
            state.MarkLoaded(relationship.Index);
            return true;
        }
        if (!_identity.TryGetValue(key, out var target) || target.Deleted)
            return false;
        relationship.Write(state.Entity, target.Entity);
        state.MarkLoaded(relationship.Index);
        return true;
    }

    /// <summary>The identity key a many-to-one's foreign key points to; null when a key column is null or not loaded.</summary>
    private static IdentityKey? ForeignKey(EntityState state, MappedRelationship relationship)
    {
        var target = relationship.Target;
        var values = new object?[target.PrimaryKey.Length];
        foreach (var pair in relationship.Pairs)
        {
            if (!state.IsLoaded(pair.Child!.Index))
                return null;
            var position = Array.IndexOf(target.PrimaryKey, pair.Parent);
            if (position < 0)
                return null;   // the foreign key refers to a unique column other than the primary key: a query is needed
            values[position] = pair.Child.Read(state.Entity);
            if (values[position] is null)
                return null;
        }
        return new IdentityKey(target, values);
    }

    /// <summary>
    /// Loads one relationship of many instances with one SELECT per chunk of keys (the selectin strategy; a lazy load
    /// is the case of one instance). Returns the related instances loaded, for the next level of a loader path.
    /// </summary>
    private async ValueTask<List<EntityState>> LoadRelationship(bool async, IReadOnlyList<EntityState> parents, MappedRelationship relationship,
        CancellationToken cancellationToken)
    {
        var loaded = new List<EntityState>();
        var owners = parents.Where(p => p.Persistent).Distinct().ToList();
        if (owners.Count == 0)
            return loaded;
        var target = relationship.Target;
        MappedColumn[] columns = [.. target.Columns.Where(c => !c.Deferred)];
        switch (relationship.Direction)
        {
            case RelationshipDirection.ManyToOne:
            {
                // The foreign key itself may be expired: it is read first.
                foreach (var owner in owners.Where(o => relationship.Pairs.Any(p => !o.IsLoaded(p.Child!.Index))))
                    await LoadColumns(async, owner, [.. relationship.Pairs.Select(p => p.Child!.Index)], cancellationToken).ConfigureAwait(false);
                // Targets the identity map holds need no SQL.
                var missing = new Dictionary<IdentityKey, object?>();
                foreach (var owner in owners)
                {
                    if (!TryLoadFromIdentityMap(owner, relationship) && ForeignKey(owner, relationship) is { } key)
                        missing.TryAdd(key, null);
                }
                if (missing.Count > 0)
                {
                    foreach (var chunk in missing.Keys.Chunk(InChunk))
                    {
                        var where = KeysIn(target.PrimaryKey.Select(c => c.Column).ToArray(), chunk.Select(k => (IReadOnlyList<object?>)k.Values).ToList());
                        var entities = await Query(async, columns, Select([.. columns.Select(c => (object)c.Column)]).Where(where), relationship.OrderBy, cancellationToken)
                            .ConfigureAwait(false);
                        loaded.AddRange(entities.Select(e => e.EntityState));
                    }
                }
                foreach (var owner in owners)
                {
                    if (owner.IsLoaded(relationship.Index))
                        continue;
                    var key = ForeignKey(owner, relationship);
                    relationship.Write(owner.Entity, key is not null && _identity.TryGetValue(key, out var found) ? found.Entity : null);
                    owner.MarkLoaded(relationship.Index);
                }
                return loaded;
            }
            case RelationshipDirection.OneToMany:
            {
                var parentColumns = relationship.Pairs.Select(p => p.Parent!).ToArray();
                var byKey = new Dictionary<ValueKey, List<object>>();
                foreach (var owner in owners)
                    byKey.TryAdd(ValueKey.Of(parentColumns, owner.Entity), []);
                var childColumns = relationship.Pairs.Select(p => p.Child!).ToArray();
                foreach (var chunk in byKey.Keys.Chunk(InChunk))
                {
                    var where = KeysIn(relationship.Pairs.Select(p => p.ChildColumn).ToArray(), chunk.Select(k => (IReadOnlyList<object?>)k.Values).ToList());
                    var order = relationship.OrderBy.Length > 0 ? relationship.OrderBy : [.. target.PrimaryKey.Select(c => (ColumnElement)c.Column)];
                    var entities = await Query(async, columns, Select([.. columns.Select(c => (object)c.Column)]).Where(where), order, cancellationToken)
                        .ConfigureAwait(false);
                    foreach (var entity in entities)
                    {
                        var state = entity.EntityState;
                        loaded.Add(state);
                        // An instance changed in memory to belong elsewhere is not put back where its row says.
                        if (byKey.TryGetValue(ValueKey.Of(childColumns, entity), out var items))
                            items.Add(entity);
                    }
                }
                foreach (var owner in owners)
                {
                    var items = byKey[ValueKey.Of(parentColumns, owner.Entity)];
                    Fill(owner, relationship, items);
                }
                return loaded;
            }
            default:
            {
                var secondary = relationship.Secondary!;
                var localColumns = relationship.Pairs.Select(p => p.Parent!).ToArray();
                var byKey = new Dictionary<ValueKey, List<object>>();
                foreach (var owner in owners)
                    byKey.TryAdd(ValueKey.Of(localColumns, owner.Entity), []);
                foreach (var chunk in byKey.Keys.Chunk(InChunk))
                {
                    ColumnElement join = null!;
                    foreach (var (targetColumn, secondaryColumn) in relationship.TargetPairs)
                        join = join is null ? targetColumn.Column == secondaryColumn : join & (targetColumn.Column == secondaryColumn);
                    var where = KeysIn(relationship.Pairs.Select(p => p.ChildColumn).ToArray(), chunk.Select(k => (IReadOnlyList<object?>)k.Values).ToList());
                    var statement = Select([.. columns.Select(c => (object)c.Column), .. relationship.Pairs.Select(p => (object)p.ChildColumn)])
                        .Where(join & where);
                    var rows = await Rows(async, statement, relationship.OrderBy.Length > 0 ? relationship.OrderBy : [.. target.PrimaryKey.Select(c => (ColumnElement)c.Column)],
                        cancellationToken).ConfigureAwait(false);
                    foreach (var row in rows)
                    {
                        var entity = Materialize(columns, row, populateExisting: false);
                        loaded.Add(entity.EntityState);
                        if (byKey.TryGetValue(ValueKey.Of(row, columns.Length, relationship.Pairs.Length), out var items))
                            items.Add(entity);
                    }
                }
                foreach (var owner in owners)
                    Fill(owner, relationship, byKey[ValueKey.Of(localColumns, owner.Entity)]);
                return loaded;
            }
        }
    }

    // Puts loaded items in an instance's relationship: a collection's items, or a one-to-one's instance.
    private static void Fill(EntityState owner, MappedRelationship relationship, List<object> items)
    {
        if (owner.IsLoaded(relationship.Index) || relationship.Lazy == LazyStrategy.WriteOnly)
            return;
        if (relationship.Kind == RelationshipKind.Reference)
            relationship.Write(owner.Entity, items.FirstOrDefault());
        else
            relationship.Collection(owner.Entity).Load(items);
        owner.MarkLoaded(relationship.Index);
        // The reverse many-to-one of each item is this instance: known now, with no SQL.
        if (relationship.Direction == RelationshipDirection.OneToMany && relationship.Back is { Kind: RelationshipKind.Reference } back)
        {
            foreach (var item in items)
            {
                var state = ((IMapped)item).EntityState;
                if (!state.IsLoaded(back.Index))
                {
                    back.Write(item, owner.Entity);
                    state.MarkLoaded(back.Index);
                }
            }
        }
    }

    // key IN (...) for one column; (a = x AND b = y) OR ... for a composite key.
    private static ColumnElement KeysIn(Column[] columns, List<IReadOnlyList<object?>> keys)
    {
        if (columns.Length == 1)
            return columns[0].In(keys.Select(k => k[0]));
        return Or([.. keys.Select(k => And([.. columns.Select((c, i) => c == k[i])]))]);
    }

    private async ValueTask<List<IMapped>> Query(bool async, MappedColumn[] columns, Sql.Select statement, ColumnElement[] order, CancellationToken cancellationToken)
    {
        var rows = await Rows(async, statement, order, cancellationToken).ConfigureAwait(false);
        var entities = new List<IMapped>(rows.Count);
        foreach (var row in rows)
            entities.Add(Materialize(columns, row, populateExisting: false));
        return entities;
    }

    private async ValueTask<List<Row>> Rows(bool async, Sql.Select statement, ColumnElement[] order, CancellationToken cancellationToken)
    {
        if (order.Length > 0)
            statement = statement.OrderBy(order);
        var connection = await Connection(async, cancellationToken).ConfigureAwait(false);
        var result = await connection.Execute(async, statement, null, null, stream: false, cancellationToken).ConfigureAwait(false);
        return result.Core.TakeBuffered();
    }

    /// <summary>A tuple of key values compared by value (a parent's key, as its children's foreign keys hold it).</summary>
    private readonly struct ValueKey(object?[] values) : IEquatable<ValueKey>
    {
        public object?[] Values { get; } = values;

        /// <summary>The values of <paramref name="columns"/> in an instance.</summary>
        public static ValueKey Of(MappedColumn[] columns, object entity)
        {
            var values = new object?[columns.Length];
            for (var i = 0; i < values.Length; i++)
                values[i] = columns[i].Read(entity);
            return new ValueKey(values);
        }

        /// <summary>The <paramref name="count"/> values of a row from position <paramref name="start"/>.</summary>
        public static ValueKey Of(Row row, int start, int count)
        {
            var values = new object?[count];
            for (var i = 0; i < count; i++)
                values[i] = row[start + i];
            return new ValueKey(values);
        }

        public bool Equals(ValueKey other)
        {
            if (Values.Length != other.Values.Length)
                return false;
            for (var i = 0; i < Values.Length; i++)
            {
                var (a, b) = (Values[i], other.Values[i]);
                if (AsInt64(a) is { } x ? AsInt64(b) != x : !Equals(a, b))
                    return false;
            }
            return true;
        }

        public override bool Equals(object? obj) => obj is ValueKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var value in Values)
            {
                if (AsInt64(value) is { } integer)
                    hash.Add(integer);
                else
                    hash.Add(value);
            }
            return hash.ToHashCode();
        }

        // A foreign key read as long and the key it refers to as int are the same key (compared unboxed: this runs per row).
        private static long? AsInt64(object? value) => value switch
        {
            int i => i,
            short s => s,
            long l => l,
            _ => null,
        };
    }
}
