using Framework.Orm.Internal;
using Framework.Sql;
using static Framework.Sql.Expressions;

namespace Framework.Orm;

/// <summary>
/// Loads a relationship of many instances with one SELECT … WHERE key IN (…) per chunk of keys (SQLAlchemy's
/// <c>selectin</c>). It is also how every other relationship load runs: a lazy load is the case of one instance.
/// </summary>
internal class SelectInStrategy(string name) : LoaderStrategy(name)
{
    public SelectInStrategy()
        : this(nameof(LazyStrategy.SelectIn))
    {
    }

    // Keys per IN list: far under every driver's parameter limit (SQLite 32,766). On PostgreSQL a page is one array
    // parameter whatever its size, but pages still bound each statement's work and result, as SQLAlchemy's 500 does.
    private const int InChunk = 500;

    public override LazyStrategy? Lazy => LazyStrategy.SelectIn;

    public override bool LoadsWithQuery => true;

    public override ValueTask<List<EntityState>> Apply(EntityLoader loader, List<EntityState> pending, MappedRelationship relationship, bool async,
        CancellationToken cancellationToken) => Load(loader, pending, relationship, async, cancellationToken);

    /// <summary>Loads <paramref name="relationship"/> of <paramref name="parents"/>; returns the related instances loaded.</summary>
    public static async ValueTask<List<EntityState>> Load(EntityLoader loader, IReadOnlyList<EntityState> parents, MappedRelationship relationship,
        bool async, CancellationToken cancellationToken)
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
                    await loader.LoadColumns(async, owner, [.. relationship.Pairs.Select(p => p.Child!.Index)], cancellationToken).ConfigureAwait(false);
                // Targets the identity map holds need no SQL.
                var missing = new Dictionary<IdentityKey, object?>();
                foreach (var owner in owners)
                {
                    if (!loader.TryLoadFromIdentityMap(owner, relationship) && EntityLoader.ForeignKey(owner, relationship) is { } key)
                        missing.TryAdd(key, null);
                }
                if (missing.Count > 0)
                {
                    foreach (var chunk in missing.Keys.Chunk(InChunk))
                    {
                        var where = KeysIn(target.PrimaryKey.Select(c => c.Column).ToArray(), chunk.Select(k => k.Values).ToList());
                        var entities = await loader.Query(async, columns, Select([.. columns.Select(c => (object)c.Column)]).Where(where), relationship.OrderBy, cancellationToken)
                            .ConfigureAwait(false);
                        loaded.AddRange(entities.Select(e => e.EntityState));
                    }
                }
                foreach (var owner in owners)
                {
                    if (owner.IsLoaded(relationship.Index))
                        continue;
                    var key = EntityLoader.ForeignKey(owner, relationship);
                    relationship.Write(owner.Entity, key is not null && loader.Map.TryGetValue(key, out var found) ? found.Entity : null);
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
                    var entities = await loader.Query(async, columns, Select([.. columns.Select(c => (object)c.Column)]).Where(where), order, cancellationToken)
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
                    EntityLoader.Fill(owner, relationship, items);
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
                    var layout = new EntityLayout(columns);
                    Column[] secondaryKey = [.. relationship.Pairs.Select(p => p.ChildColumn)];
                    await loader.Read(async, statement, relationship.OrderBy.Length > 0 ? relationship.OrderBy : [.. target.PrimaryKey.Select(c => (ColumnElement)c.Column)],
                        reader =>
                        {
                            var entity = loader.Materialize(layout, reader, populateExisting: false);
                            loaded.Add(entity.EntityState);
                            if (byKey.TryGetValue(ValueKey.Of(reader, columns.Length, secondaryKey), out var items))
                                items.Add(entity);
                        }, cancellationToken).ConfigureAwait(false);
                }
                foreach (var owner in owners)
                    EntityLoader.Fill(owner, relationship, byKey[ValueKey.Of(localColumns, owner.Entity)]);
                return loaded;
            }
        }
    }

    // key IN (...) for one column (key = ANY($1) on PostgreSQL: one statement shape for every page); (a = x AND b = y) OR ...
    // for a composite key.
    private static ColumnElement KeysIn(Column[] columns, List<IReadOnlyList<object?>> keys)
    {
        if (columns.Length == 1)
            return columns[0].In(keys.Select(k => k[0]));
        return Or([.. keys.Select(k => And([.. columns.Select((c, i) => c == k[i])]))]);
    }
}
