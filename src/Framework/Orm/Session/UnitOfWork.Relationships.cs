using Framework.Orm.Internal;
using Framework.Sql;

namespace Framework.Orm;

internal sealed partial class UnitOfWork
{
    /// <summary>
    /// The save-update cascade: transient (or detached) instances reachable from <paramref name="roots"/> through
    /// relationships that cascade save-update join the session as pending (or persistent) ones.
    /// </summary>
    public void CascadeSaveUpdate(IEnumerable<EntityState> roots)
    {
        var work = new Stack<EntityState>(roots);
        while (work.TryPop(out var state))
        {
            foreach (var relationship in state.Mapper.Relationships)
            {
                if ((relationship.Cascade & Cascades.SaveUpdate) == 0 || !state.IsLoaded(relationship.Index))
                    continue;
                foreach (var related in EntityLoader.Related(state, relationship))
                {
                    if (related.Owner is null && !related.Deleted)
                    {
                        session.AddState(related);
                        work.Push(related);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Before a flush writes anything: the save-update cascade, the delete cascade (loading the children of deleted
    /// parents when needed), and orphans.
    /// </summary>
    private async ValueTask PrepareRelationships(bool async, CancellationToken cancellationToken)
    {
        CascadeSaveUpdate([.. map.New, .. map.Dirty]);
        // Children of deleted parents: deleted too (delete cascade), or their keys nulled; PassiveDeletes leaves them to ON DELETE.
        var queue = new Queue<EntityState>(map.Deleted);
        while (queue.TryDequeue(out var parent))
        {
            foreach (var relationship in parent.Mapper.Relationships)
            {
                if (relationship.Direction == RelationshipDirection.ManyToOne || relationship.Lazy == LazyStrategy.WriteOnly)
                    continue;
                var cascade = (relationship.Cascade & Cascades.Delete) != 0;
                if (relationship.Options.PassiveDeletes && !parent.IsLoaded(relationship.Index))
                    continue;
                if (relationship.Direction == RelationshipDirection.ManyToMany && !cascade)
                    continue;   // its association rows go with the parent's row
                if (!parent.IsLoaded(relationship.Index))
                    await loader.LoadRelationship(async, [parent], relationship, cancellationToken).ConfigureAwait(false);
                foreach (var child in EntityLoader.Related(parent, relationship).ToList())
                {
                    if (cascade)
                    {
                        if (!child.Deleted && child.Persistent)
                        {
                            map.MarkDeleted(child);
                            queue.Enqueue(child);
                        }
                    }
                    else if (!child.Deleted && relationship.Direction == RelationshipDirection.OneToMany)
                    {
                        foreach (var pair in relationship.Pairs)
                            SetColumn(child, pair.Child!, null);
                    }
                }
            }
        }
        // Orphans: items removed from a delete-orphan collection.
        foreach (var parent in map.New.Concat(map.Dirty).ToList())
        {
            foreach (var relationship in parent.Mapper.Relationships)
            {
                if ((relationship.Cascade & Cascades.DeleteOrphan) == 0 || parent.ChangesOf(relationship.Index) is not { } changes)
                    continue;
                foreach (var orphan in changes.Removed.Select(i => ((IMapped)i).EntityState))
                {
                    if (orphan.Persistent && !orphan.Deleted && ReferenceEquals(orphan.Owner, session))
                        map.MarkDeleted(orphan);
                    else if (!orphan.Persistent && ReferenceEquals(orphan.Owner, session))
                        map.Expunge(orphan);
                }
            }
        }
    }

    /// <summary>Sets a column of an instance as a user's assignment does (recorded, flushed), when the value differs.</summary>
    private static void SetColumn(EntityState state, MappedColumn column, object? value)
    {
        if (state.IsLoaded(column.Index) && Equals(column.Read(state.Entity), value))
            return;
        state.OnWrite(column.Index);
        column.Write(state.Entity, value);
    }

    /// <summary>
    /// Copies keys along relationships wherever the key is known: a many-to-one's target key into the instance's
    /// foreign key, a parent's key into the foreign keys of the children added to its collections (and nulls it in
    /// those removed).
    /// </summary>
    private void SyncForeignKeys(IEnumerable<EntityState> states)
    {
        foreach (var state in states)
        {
            if (state.Deleted)
                continue;
            foreach (var relationship in state.Mapper.Relationships)
            {
                if (!state.IsLoaded(relationship.Index) && relationship.Lazy != LazyStrategy.WriteOnly)
                    continue;
                switch (relationship.Direction)
                {
                    case RelationshipDirection.ManyToOne when !state.Persistent || state.IsModified(relationship.Index):
                        var target = relationship.Read(state.Entity) is IMapped mapped ? mapped.EntityState : null;
                        if (target is null)
                        {
                            if (state.IsModified(relationship.Index))
                            {
                                foreach (var pair in relationship.Pairs)
                                    SetColumn(state, pair.Child!, null);
                            }
                        }
                        else if (target.Persistent)
                        {
                            foreach (var pair in relationship.Pairs)
                                SetColumn(state, pair.Child!, pair.Parent!.Read(target.Entity));
                        }
                        break;
                    case RelationshipDirection.OneToMany when state.Persistent && state.ChangesOf(relationship.Index) is { } changes:
                        foreach (var removed in changes.Removed.Select(i => ((IMapped)i).EntityState))
                        {
                            // Still pointing here, and not deleted: the child is now nobody's.
                            if (!removed.Deleted && relationship.Pairs.All(p => Equals(p.Child!.Read(removed.Entity), p.Parent!.Read(state.Entity))))
                            {
                                foreach (var pair in relationship.Pairs)
                                    SetColumn(removed, pair.Child!, null);
                            }
                        }
                        foreach (var added in changes.Added.Select(i => ((IMapped)i).EntityState))
                        {
                            if (added.Deleted)
                                continue;
                            foreach (var pair in relationship.Pairs)
                                SetColumn(added, pair.Child!, pair.Parent!.Read(state.Entity));
                        }
                        break;
                }
            }
        }
    }

    /// <summary>
    /// Splits one table's new instances into batches that can be inserted together: for a self-referential table, an
    /// instance goes after the instances of the same batch it refers to (a tree goes in level by level).
    /// </summary>
    private static List<List<EntityState>> InsertLevels(EntityMapper mapper, List<EntityState> states)
    {
        var selfReferences = mapper.Relationships.Where(r => ReferenceEquals(r.Target, mapper) && r.Direction != RelationshipDirection.ManyToMany).ToList();
        if (selfReferences.Count == 0)
            return [states];
        var pending = new HashSet<EntityState>(states, ReferenceEqualityComparer.Instance);
        var dependsOn = new Dictionary<EntityState, List<EntityState>>(ReferenceEqualityComparer.Instance);
        foreach (var state in states)
            dependsOn[state] = [];
        foreach (var state in states)
        {
            foreach (var relationship in selfReferences.Where(r => state.IsLoaded(r.Index)))
            {
                foreach (var related in EntityLoader.Related(state, relationship).Where(pending.Contains))
                {
                    // A many-to-one's target goes first; a collection's items go after their parent.
                    if (relationship.Direction == RelationshipDirection.ManyToOne)
                        dependsOn[state].Add(related);
                    else
                        dependsOn[related].Add(state);
                }
            }
        }
        var levels = new List<List<EntityState>>();
        var done = new HashSet<EntityState>(ReferenceEqualityComparer.Instance);
        while (done.Count < states.Count)
        {
            var level = states.Where(s => !done.Contains(s) && dependsOn[s].All(d => done.Contains(d) || ReferenceEquals(d, s))).ToList();
            if (level.Count == 0)
            {
                // A cycle: no order gives each row its parent's key first. The rest go in with those keys null and get
                // them by an UPDATE after (SQLAlchemy's post-update), which needs the foreign-key columns nullable.
                level = [.. states.Where(s => !done.Contains(s))];
            }
            levels.Add(level);
            done.UnionWith(level);
        }
        return levels;
    }

    /// <summary>Inserts and deletes association rows for the many-to-many changes (after the inserts, before the deletes).</summary>
    private async ValueTask WriteAssociations(Connection connection, bool async, CancellationToken cancellationToken)
    {
        var inserts = new Dictionary<Table, List<Dictionary<string, object?>>>();
        var deletes = new Dictionary<Table, List<Dictionary<string, object?>>>();
        foreach (var state in map.New.Concat(map.Dirty))
        {
            foreach (var relationship in state.Mapper.Relationships.Where(r => r.Direction == RelationshipDirection.ManyToMany))
            {
                if (state.ChangesOf(relationship.Index) is not { } changes)
                    continue;
                foreach (var (items, into) in new[] { (changes.Added, inserts), (changes.Removed, deletes) })
                {
                    foreach (var item in items)
                    {
                        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
                        foreach (var pair in relationship.Pairs)
                            row[pair.ChildColumn.Name] = pair.Parent!.Read(state.Entity);
                        foreach (var (target, secondary) in relationship.TargetPairs)
                            row[secondary.Name] = target.Read(item);
                        var rows = into.TryGetValue(relationship.Secondary!, out var list) ? list : into[relationship.Secondary!] = [];
                        if (!rows.Any(r => r.SequenceEqual(row)))
                            rows.Add(row);
                    }
                }
            }
        }
        foreach (var (table, rows) in deletes)
        {
            ColumnElement where = null!;
            foreach (var name in rows[0].Keys)
                where = where is null ? table.C[name] == Expressions.BindParam(name) : where & (table.C[name] == Expressions.BindParam(name));
            await connection.Execute(async, table.Delete().Where(where), null, [.. rows.Cast<object>()], stream: false, cancellationToken).ConfigureAwait(false);
        }
        foreach (var (table, rows) in inserts)
            await connection.Execute(async, table.Insert(), rows.Count == 1 ? rows[0] : null, rows.Count == 1 ? null : [.. rows.Cast<object>()], stream: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the association rows of deleted instances (their many-to-many links go with their rows).</summary>
    private async ValueTask DeleteAssociationsOf(Connection connection, List<EntityState> deleted, bool async, CancellationToken cancellationToken)
    {
        foreach (var group in deleted.GroupBy(s => s.Mapper))
        {
            foreach (var relationship in group.Key.Relationships.Where(r => r.Direction == RelationshipDirection.ManyToMany))
            {
                // Of the two sides of a back-populated pair, one deletes.
                if (relationship.Back is { } back && back.Mapper == relationship.Mapper && back.Index < relationship.Index)
                    continue;
                ColumnElement where = null!;
                foreach (var pair in relationship.Pairs)
                    where = where is null ? pair.ChildColumn == Expressions.BindParam(pair.ChildColumn.Name) : where & (pair.ChildColumn == Expressions.BindParam(pair.ChildColumn.Name));
                var parameters = group.Select(s => (object)relationship.Pairs.ToDictionary(p => p.ChildColumn.Name, p => p.Parent!.Read(s.Entity))).ToList();
                await connection.Execute(async, relationship.Secondary!.Delete().Where(where), null, parameters, stream: false, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
