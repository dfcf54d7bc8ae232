using Framework.Orm.Internal;

namespace Framework.Orm;

/// <summary>
/// The session's identity map (SQLAlchemy's <c>identity_map</c>): one instance per row, keyed by (type, primary key),
/// with the bookkeeping of the instances around it: pending (new), changed (dirty), marked for deletion, and those
/// the transaction inserted or deleted, which a rollback undoes.
/// </summary>
/// <remarks>
/// It is the dictionary itself rather than a class holding one: every row an ORM SELECT reads is looked up here, and a
/// wrapper would put one more indirection on that path.
/// </remarks>
internal sealed class IdentityMap(IStateOwner owner) : Dictionary<IdentityKey, EntityState>
{
    /// <summary>Instances added and not yet inserted.</summary>
    public List<EntityState> New { get; } = [];

    /// <summary>Persistent instances with attributes set since they were loaded or flushed.</summary>
    public HashSet<EntityState> Dirty { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Persistent instances marked for deletion at the next flush.</summary>
    public List<EntityState> Deleted { get; } = [];

    /// <summary>Instances inserted since the transaction began: a rollback makes them transient again.</summary>
    public List<EntityState> InsertedInTransaction { get; } = [];

    /// <summary>Instances whose rows were deleted since the transaction began: a rollback brings them back.</summary>
    public List<EntityState> DeletedInTransaction { get; } = [];

    /// <summary>Whether a flush may have anything to write (a dirty instance may have had its changes undone).</summary>
    public bool HasPending => New.Count > 0 || Deleted.Count > 0 || Dirty.Count > 0;

    /// <summary>Makes a transient or detached instance the session's: persistent when it has a key, else pending.</summary>
    public void Attach(EntityState state)
    {
        if (state.Key is { } key)
        {
            // A detached instance comes back as persistent, unless the map holds another instance of that row.
            if (TryGetValue(key, out var other) && !ReferenceEquals(other, state))
            {
                throw new InvalidOperationException(
                    $"Another instance with key {key} is already in this session. Use MergeAsync to copy this one's state onto it.");
            }
            this[key] = state;
            state.Owner = owner;
            if (state.HasModifications)
                Dirty.Add(state);
        }
        else
        {
            state.Owner = owner;
            New.Add(state);
        }
    }

    /// <summary>Marks a persistent instance for deletion at the next flush, or (<paramref name="deleted"/> false) takes the mark back.</summary>
    public void MarkDeleted(EntityState state, bool deleted = true)
    {
        state.Deleted = deleted;
        if (deleted)
            Deleted.Add(state);
        else
            Deleted.Remove(state);
    }

    public void Detach(EntityState state)
    {
        state.Owner = null;
        Dirty.Remove(state);
    }

    /// <summary>The instance leaves the session, whatever it was in it.</summary>
    public void Expunge(EntityState state)
    {
        New.Remove(state);
        Deleted.Remove(state);
        if (state.Key is { } key && TryGetValue(key, out var held) && ReferenceEquals(held, state))
            Remove(key);
        Detach(state);
    }

    /// <summary>Every instance leaves the session.</summary>
    public void ExpungeAll()
    {
        // Detach changes none of the three collections, so they are walked as they are (no copy).
        foreach (var state in Values)
            Detach(state);
        foreach (var state in New)
            Detach(state);
        foreach (var state in Deleted)
            Detach(state);
        Clear();
        New.Clear();
        Deleted.Clear();
        Dirty.Clear();
        InsertedInTransaction.Clear();
        ForgetDeletedInTransaction();
    }

    public void ExpireAll()
    {
        foreach (var state in Values)
            Expire(state);
        Dirty.Clear();
    }

    /// <summary>Every attribute but the primary key is expired, and every relationship that loads.</summary>
    public static void Expire(EntityState state)
    {
        foreach (var column in state.Mapper.Columns)
        {
            if (!column.Column.PrimaryKey)
                state.Expire(column.Index);
        }
        foreach (var relationship in state.Mapper.Relationships)
        {
            if (!LoaderStrategy.NeverLoads(relationship.Lazy))
                state.Expire(relationship.Index);
        }
    }

    /// <summary>An instance's row was deleted (by a flush or a bulk DELETE): it leaves the map and is "deleted" until the transaction ends.</summary>
    public void RowDeleted(EntityState state)
    {
        Remove(state.Key!);
        state.Owner = null;
        state.DeletedIn = owner;
        DeletedInTransaction.Add(state);
    }

    /// <summary>The transaction ended with its deletions in place (or the session forgot them): their instances are detached.</summary>
    public void ForgetDeletedInTransaction()
    {
        foreach (var state in DeletedInTransaction)
            state.DeletedIn = null;
        DeletedInTransaction.Clear();
    }

    /// <summary>Pending instances leave the session; a failed flush may have inserted some of them before it stopped.</summary>
    public void ForgetPending()
    {
        foreach (var state in New)
        {
            if (state.Key is { } key)
            {
                Remove(key);
                state.Key = null;
            }
            Detach(state);
        }
        New.Clear();
    }

    /// <summary>Instances inserted since <paramref name="mark"/> become transient again: their rows are gone.</summary>
    public void ForgetInserted(int mark)
    {
        for (var i = mark; i < InsertedInTransaction.Count; i++)
        {
            var state = InsertedInTransaction[i];
            Remove(state.Key!);
            state.Key = null;
            Detach(state);
        }
        InsertedInTransaction.RemoveRange(mark, InsertedInTransaction.Count - mark);
    }

    /// <summary>Unflushed deletions are dropped, and instances deleted since <paramref name="mark"/> come back: their rows are back.</summary>
    public void RestoreDeleted(int mark)
    {
        foreach (var state in Deleted)
            state.Deleted = false;
        Deleted.Clear();
        for (var i = mark; i < DeletedInTransaction.Count; i++)
        {
            var state = DeletedInTransaction[i];
            state.Deleted = false;
            state.DeletedIn = null;
            state.Owner = owner;
            this[state.Key!] = state;
        }
        DeletedInTransaction.RemoveRange(mark, DeletedInTransaction.Count - mark);
    }
}
