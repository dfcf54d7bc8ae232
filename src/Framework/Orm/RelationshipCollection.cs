using System.ComponentModel;

namespace Framework.Orm;

/// <summary>
/// What the instrumented collections of relationship properties share: the instance and relationship they belong
/// to, and the reporting of each add and remove to the instance's state (which keeps the reverse side in sync and
/// tells the session what to flush).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class RelationshipCollection
{
    private protected RelationshipCollection(IMapped owner, int index)
    {
        Owner = owner ?? throw new ArgumentNullException(nameof(owner));
        Index = index;
    }

    internal IMapped Owner { get; }

    internal int Index { get; }

    /// <summary>The items, as they are now.</summary>
    internal abstract IEnumerable<object> Items { get; }

    internal abstract int ItemCount { get; }

    /// <summary>Replaces the items with those loaded from the database, recording nothing.</summary>
    internal abstract void Load(IEnumerable<object> items);

    /// <summary>Replaces the items of <paramref name="target"/> with those loaded, recording nothing (what a list's and a set's <see cref="Load"/> do).</summary>
    private protected static void LoadInto<T>(ICollection<T> target, IEnumerable<object> items)
    {
        target.Clear();
        foreach (var item in items)
            target.Add((T)item);
    }

    /// <summary>Adds an item because the reverse side changed, recording nothing here.</summary>
    internal abstract void AddQuietly(object item);

    /// <summary>Removes an item because the reverse side changed, recording nothing here.</summary>
    internal abstract void RemoveQuietly(object item);

    internal abstract bool ContainsItem(object item);

    private protected void Added(object item) => Owner.EntityState.OnCollectionChange(Index, item, added: true);

    private protected void Removed(object item) => Owner.EntityState.OnCollectionChange(Index, item, added: false);

    private protected static void RequireItem(object? item)
    {
        if (item is null)
            throw new ArgumentNullException(nameof(item), "A relationship collection holds instances, not null.");
    }
}
