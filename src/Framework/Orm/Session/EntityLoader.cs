using System.Data.Common;
using System.Runtime.InteropServices;
using Framework.Orm.Internal;
using Framework.Sql;

namespace Framework.Orm;

/// <summary>
/// Turns rows into instances through the identity map and runs a query's loader strategies (SQLAlchemy's
/// <c>orm/loading.py</c>): the ORM SELECT with its joined relationships, then the other strategies level by level.
/// </summary>
internal sealed class EntityLoader(SessionCore session, IdentityMap map, TransactionCoordinator transactions)
{
    public IdentityMap Map => map;

    /// <summary>
    /// Runs an ORM SELECT with its loader options: joined relationships of the queried entity in the same SELECT, then
    /// the selectin and immediate ones (and the relationships whose default strategy is eager) level by level.
    /// </summary>
    public async ValueTask<List<object>> LoadWithOptions<T>(bool async, Select<T> statement, bool populateExisting, CancellationToken cancellationToken)
        where T : class, IMapped<T>
    {
        var mapper = T.Mapper;
        var paths = statement.LoaderOptions.Select(o => o.Steps).Where(p => p[0].Relationship is not null).ToList();
        if (paths.Count == 0 && !mapper.Relationships.Any(r => LoaderStrategy.Of(r.Lazy).LoadsWithQuery))
            return await Load(async, statement, statement.Loaded, populateExisting, cancellationToken).ConfigureAwait(false);

        // Relationships joined into this SELECT: many-to-one and one-to-many of another table (others load by selectin).
        var joined = mapper.Relationships.Where(r => Strategy(paths, 0, r)?.JoinsQuery(r, mapper) == true).ToList();
        var columns = statement.Loaded;
        List<object> entities;
        if (joined.Count == 0)
        {
            entities = await Load(async, statement, columns, populateExisting, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var (select, segments) = JoinedStrategy.JoinedSelect(statement.Core, mapper, columns, joined, paths);
            var parents = new EntityLayout(columns);
            var children = segments.ConvertAll(s => (s.Relationship, Layout: new EntityLayout(s.Columns, s.Offset)));
            var found = new List<object>();
            var related = new Dictionary<(EntityState, MappedRelationship), List<object>>();
            await Read(async, select, [], reader =>
            {
                var parent = Materialize(parents, reader, populateExisting);
                found.Add(parent);
                var state = parent.EntityState;
                foreach (var (relationship, layout) in children)
                {
                    // A relationship loaded before this query keeps what it holds; one seen unloaded gathers its rows.
                    if (!related.TryGetValue((state, relationship), out var items))
                    {
                        if (state.IsLoaded(relationship.Index))
                            continue;
                        related[(state, relationship)] = items = [];
                    }
                    if (layout.HasNullKey(reader))
                        continue;
                    var child = Materialize(layout, reader, populateExisting);
                    if (!items.Exists(i => ReferenceEquals(i, child)))
                        items.Add(child);
                }
            }, cancellationToken).ConfigureAwait(false);
            entities = found;
            foreach (var ((state, relationship), items) in related)
                Fill(state, relationship, items);
        }
        var states = entities.Select(e => ((IMapped)e).EntityState).Distinct().ToList();
        await ApplyLoaders(async, states, mapper, paths, 0, cancellationToken).ConfigureAwait(false);
        return entities;
    }

    /// <summary>The strategy for a relationship at a depth of the paths: the last option naming it, else its default when that loads with the query.</summary>
    public static LoaderStrategy? Strategy(List<LoaderStep[]> paths, int depth, MappedRelationship relationship)
    {
        var named = paths.Where(p => p.Length > depth && p[depth].Relationship == relationship).Select(p => p[depth].Strategy).LastOrDefault();
        return named ?? (LoaderStrategy.Of(relationship.Lazy) is { LoadsWithQuery: true } eager ? eager : null);
    }

    /// <summary>Applies the loaders of one level of the paths (and eager defaults) to instances of <paramref name="mapper"/>, then the next level.</summary>
    public async ValueTask ApplyLoaders(bool async, List<EntityState> states, EntityMapper mapper, List<LoaderStep[]> paths, int depth,
        CancellationToken cancellationToken)
    {
        if (states.Count == 0)
            return;
        foreach (var relationship in mapper.Relationships)
        {
            if (relationship.Lazy == LazyStrategy.WriteOnly)
                continue;
            var strategy = Strategy(paths, depth, relationship);
            var deeper = paths.Where(p => p.Length > depth + 1 && p[depth].Relationship == relationship).ToList();
            if (strategy is null && deeper.Count == 0)
                continue;
            var pending = states.Where(s => !s.IsLoaded(relationship.Index)).ToList();
            var loaded = strategy is null ? [] : await strategy.Apply(this, pending, relationship, async, cancellationToken).ConfigureAwait(false);
            // The next level: every instance the path reaches; for eager defaults alone, only the ones just loaded (so cycles end).
            var next = deeper.Count > 0
                ? states.Where(s => s.IsLoaded(relationship.Index)).SelectMany(s => Related(s, relationship)).Distinct().ToList()
                : loaded.Distinct().ToList();
            await ApplyLoaders(async, next, relationship.Target, deeper, depth + 1, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Loads one relationship of many instances (<see cref="SelectInStrategy"/>); a lazy load is the case of one instance.</summary>
    public ValueTask<List<EntityState>> LoadRelationship(bool async, IReadOnlyList<EntityState> parents, MappedRelationship relationship,
        CancellationToken cancellationToken) => SelectInStrategy.Load(this, parents, relationship, async, cancellationToken);

    /// <summary>The instances a loaded relationship of an instance holds.</summary>
    public static IEnumerable<EntityState> Related(EntityState state, MappedRelationship relationship)
    {
        if (relationship.Kind == RelationshipKind.Reference)
            return relationship.Read(state.Entity) is IMapped one ? [one.EntityState] : [];
        return relationship.Collection(state.Entity).Items.Select(i => ((IMapped)i).EntityState);
    }

    /// <summary>The instances of the rows of an ORM SELECT, each made as its row arrives.</summary>
    public async ValueTask<List<object>> Load(bool async, Executable statement, MappedColumn[] columns, bool populateExisting,
        CancellationToken cancellationToken)
    {
        var layout = new EntityLayout(columns);
        var entities = new List<object>();
        await Read(async, statement, reader => entities.Add(Materialize(layout, reader, populateExisting)), cancellationToken).ConfigureAwait(false);
        return entities;
    }

    /// <summary>
    /// The instance of the reader's row: the identity map's (with attributes it lacks filled in, or all of them refreshed
    /// when populating existing), or a new persistent one. Each column is read typed, straight into the instance.
    /// </summary>
    public IMapped Materialize(EntityLayout layout, DbDataReader reader, bool populateExisting)
    {
        var columns = layout.Columns;
        var offset = layout.Offset;
        var key = layout.ReadKey(reader);
        // One lookup finds the instance or makes its slot, which the new instance fills (or leaves, should it fail to load).
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(map, key, out var held);
        EntityState state;
        if (held)
        {
            state = slot!;
            if (populateExisting || state.HasUnloaded)
            {
                for (var i = 0; i < columns.Length; i++)
                {
                    var index = columns[i].Index;
                    // Unflushed changes win over the row, as in SQLAlchemy.
                    if (state.IsModified(index))
                        continue;
                    if (populateExisting || !state.IsLoaded(index))
                    {
                        columns[i].Load(state.Entity, reader, offset + i);
                        state.MarkLoaded(index);
                    }
                }
            }
            return state.Entity;
        }
        var mapper = layout.Mapper;
        IMapped entity;
        try
        {
            entity = mapper.Create();
            state = entity.EntityState;
            state.ResetForLoad();
            var keyAt = layout.KeyPosition;
            for (var i = 0; i < columns.Length; i++)
            {
                if (i == keyAt)
                    columns[i].LoadKey(entity, key);
                else
                    columns[i].Load(entity, reader, offset + i);
            }
        }
        catch
        {
            map.Remove(key);
            throw;
        }
        foreach (var column in layout.Unselected)
            state.MarkUnloaded(column.Index);
        if (mapper.Relationships.Count > 0)
            UnloadRelationships(state);
        state.Key = key;
        state.Owner = session;
        slot = state;
        return entity;
    }

    /// <summary>A new instance loaded from a row: its relationships are not loaded, except those that never load.</summary>
    private static void UnloadRelationships(EntityState state)
    {
        foreach (var relationship in state.Mapper.Relationships)
        {
            if (LoaderStrategy.NeverLoads(relationship.Lazy))
                continue;
            state.MarkUnloaded(relationship.Index);
        }
    }

    /// <summary>Loads attributes of one instance by its key (a refresh, or an expired or deferred attribute's first read).</summary>
    public async ValueTask LoadColumns(bool async, EntityState state, IReadOnlyCollection<int> indexes, CancellationToken cancellationToken)
    {
        var mapper = state.Mapper;
        MappedColumn[] columns = [.. mapper.PrimaryKey, .. mapper.Columns.Where(c => indexes.Contains(c.Index) && !c.Column.PrimaryKey)];
        var statement = Expressions.Select([.. columns.Select(c => (object)c.Column)]).Where(KeyCondition(mapper, state.Key!.Values));
        var found = false;
        await Read(async, statement, [], reader =>
        {
            found = true;
            for (var i = 0; i < columns.Length; i++)
            {
                state.ClearModified(columns[i].Index);
                columns[i].Load(state.Entity, reader, i);
                state.MarkLoaded(columns[i].Index);
            }
        }, cancellationToken).ConfigureAwait(false);
        if (!found)
        {
            throw new InvalidOperationException(
                $"Could not refresh {mapper.EntityType.Name} with key {state.Key}: its row is gone (deleted by another transaction). " +
                "Expunge the instance, or roll back.");
        }
        if (!state.HasModifications)
            map.Dirty.Remove(state);
    }

    /// <summary>WHERE pk = value [AND ...] for one instance's key.</summary>
    public static ColumnElement KeyCondition(EntityMapper mapper, IReadOnlyList<object?> values)
    {
        ColumnElement? condition = null;
        for (var i = 0; i < mapper.PrimaryKey.Length; i++)
        {
            var term = mapper.PrimaryKey[i].Column == values[i];
            condition = condition is null ? term : condition & term;
        }
        return condition!;
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
        if (!map.TryGetValue(key, out var target) || target.Deleted)
            return false;
        relationship.Write(state.Entity, target.Entity);
        state.MarkLoaded(relationship.Index);
        return true;
    }

    /// <summary>The identity key a many-to-one's foreign key points to; null when a key column is null or not loaded.</summary>
    public static IdentityKey? ForeignKey(EntityState state, MappedRelationship relationship)
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
        return target.KeyFrom(values);
    }

    /// <summary>Puts loaded items in an instance's relationship: a collection's items, or a one-to-one's instance.</summary>
    public static void Fill(EntityState owner, MappedRelationship relationship, List<object> items)
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

    public async ValueTask<List<IMapped>> Query(bool async, MappedColumn[] columns, Sql.Select statement, ColumnElement[] order, CancellationToken cancellationToken)
    {
        var layout = new EntityLayout(columns);
        var entities = new List<IMapped>();
        await Read(async, statement, order, reader => entities.Add(Materialize(layout, reader, populateExisting: false)), cancellationToken).ConfigureAwait(false);
        return entities;
    }

    /// <summary>Runs a SELECT (ordered by <paramref name="order"/> when given) in the session's transaction, handing each row's reader to <paramref name="readRow"/>.</summary>
    public ValueTask Read(bool async, Sql.Select statement, ColumnElement[] order, Action<DbDataReader> readRow, CancellationToken cancellationToken) =>
        Read(async, order.Length > 0 ? statement.OrderBy(order) : statement, readRow, cancellationToken);

    /// <summary>Runs a statement in the session's transaction, handing each row's reader to <paramref name="readRow"/>.</summary>
    private async ValueTask Read(bool async, Executable statement, Action<DbDataReader> readRow, CancellationToken cancellationToken)
    {
        var connection = await transactions.Connection(async, cancellationToken).ConfigureAwait(false);
        await connection.Execute(async, statement, null, null, stream: false, cancellationToken, readRow).ConfigureAwait(false);
    }
}
