using System.Collections;

namespace Framework.Orm;

/// <summary>The set behind an <c>ISet&lt;T&gt;</c> relationship property: instances by identity, adds and removes recorded.</summary>
/// <typeparam name="T">The related entity type.</typeparam>
public sealed class RelationshipSet<T> : RelationshipCollection, ISet<T>, IReadOnlySet<T>
    where T : class
{
    private readonly HashSet<T> _items = new(ReferenceEqualityComparer.Instance);

    /// <summary>The collection of relationship <paramref name="index"/> of <paramref name="owner"/> (generated code makes it with <see cref="Internal.Instrumentation"/>).</summary>
    internal RelationshipSet(IMapped owner, int index) : base(owner, index)
    {
    }

    /// <inheritdoc cref="ICollection{T}.Count" />
    public int Count => _items.Count;

    bool ICollection<T>.IsReadOnly => false;

    /// <inheritdoc />
    public bool Add(T item)
    {
        RequireItem(item);
        if (!_items.Add(item))
            return false;
        Added(item);
        return true;
    }

    void ICollection<T>.Add(T item) => Add(item);

    /// <inheritdoc />
    public bool Remove(T item)
    {
        if (!_items.Remove(item))
            return false;
        Removed(item);
        return true;
    }

    /// <inheritdoc />
    public void Clear()
    {
        foreach (var item in _items.ToArray())
            Remove(item);
    }

    /// <inheritdoc cref="ICollection{T}.Contains" />
    public bool Contains(T item) => _items.Contains(item);

    /// <inheritdoc />
    public void CopyTo(T[] array, int arrayIndex) => _items.CopyTo(array, arrayIndex);

    /// <inheritdoc />
    public void UnionWith(IEnumerable<T> other)
    {
        foreach (var item in other.ToList())
            Add(item);
    }

    /// <inheritdoc />
    public void ExceptWith(IEnumerable<T> other)
    {
        foreach (var item in other.ToList())
            Remove(item);
    }

    /// <inheritdoc />
    public void IntersectWith(IEnumerable<T> other)
    {
        var keep = new HashSet<T>(other, ReferenceEqualityComparer.Instance);
        foreach (var item in _items.Where(i => !keep.Contains(i)).ToList())
            Remove(item);
    }

    /// <inheritdoc />
    public void SymmetricExceptWith(IEnumerable<T> other)
    {
        foreach (var item in other.Distinct(ReferenceEqualityComparer.Instance).Cast<T>().ToList())
        {
            if (!Remove(item))
                Add(item);
        }
    }

    /// <inheritdoc cref="ISet{T}.IsProperSubsetOf" />
    public bool IsProperSubsetOf(IEnumerable<T> other) => _items.IsProperSubsetOf(other);

    /// <inheritdoc cref="ISet{T}.IsProperSupersetOf" />
    public bool IsProperSupersetOf(IEnumerable<T> other) => _items.IsProperSupersetOf(other);

    /// <inheritdoc cref="ISet{T}.IsSubsetOf" />
    public bool IsSubsetOf(IEnumerable<T> other) => _items.IsSubsetOf(other);

    /// <inheritdoc cref="ISet{T}.IsSupersetOf" />
    public bool IsSupersetOf(IEnumerable<T> other) => _items.IsSupersetOf(other);

    /// <inheritdoc cref="ISet{T}.Overlaps" />
    public bool Overlaps(IEnumerable<T> other) => _items.Overlaps(other);

    /// <inheritdoc cref="ISet{T}.SetEquals" />
    public bool SetEquals(IEnumerable<T> other) => _items.SetEquals(other);

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Replaces the items with <paramref name="items"/> (what a generated setter does with the set assigned, through <see cref="Internal.Instrumentation"/>).</summary>
    internal void Assign(IEnumerable<T>? items)
    {
        if (ReferenceEquals(items, this))
            return;
        var next = new HashSet<T>(items ?? [], ReferenceEqualityComparer.Instance);
        foreach (var old in _items.Where(i => !next.Contains(i)).ToList())
            Remove(old);
        foreach (var item in next)
            Add(item);
    }

    internal override IEnumerable<object> Items => _items;

    internal override int ItemCount => _items.Count;

    internal override void Load(IEnumerable<object> items) => LoadInto(_items, items);

    internal override void AddQuietly(object item) => _items.Add((T)item);

    internal override void RemoveQuietly(object item) => _items.Remove((T)item);

    internal override bool ContainsItem(object item) => _items.Contains((T)item);
}
