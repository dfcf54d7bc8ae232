using System.Collections;

namespace Framework.Orm;

/// <summary>
/// The list behind an <c>IList&lt;T&gt;</c> or <c>ICollection&lt;T&gt;</c> relationship property: a list whose adds
/// and removes are recorded, so a flush sets foreign keys, inserts and deletes association rows, and the reverse
/// relationship stays in sync in memory.
/// </summary>
/// <typeparam name="T">The related entity type.</typeparam>
public sealed class RelationshipList<T> : RelationshipCollection, IList<T>, IReadOnlyList<T>
    where T : class
{
    private readonly List<T> _items = [];

    /// <summary>The collection of relationship <paramref name="index"/> of <paramref name="owner"/> (generated code makes it with <see cref="Internal.Instrumentation"/>).</summary>
    internal RelationshipList(IMapped owner, int index) : base(owner, index)
    {
    }

    /// <inheritdoc />
    public T this[int index]
    {
        get => _items[index];
        set
        {
            RequireItem(value);
            var old = _items[index];
            if (ReferenceEquals(old, value))
                return;
            _items[index] = value;
            Removed(old);
            Added(value);
        }
    }

    /// <inheritdoc cref="ICollection{T}.Count" />
    public int Count => _items.Count;

    bool ICollection<T>.IsReadOnly => false;

    /// <inheritdoc />
    public void Add(T item)
    {
        RequireItem(item);
        _items.Add(item);
        Added(item);
    }

    /// <inheritdoc />
    public void Insert(int index, T item)
    {
        RequireItem(item);
        _items.Insert(index, item);
        Added(item);
    }

    /// <inheritdoc />
    public bool Remove(T item)
    {
        var index = IndexOf(item);
        if (index < 0)
            return false;
        RemoveAt(index);
        return true;
    }

    /// <inheritdoc />
    public void RemoveAt(int index)
    {
        var item = _items[index];
        _items.RemoveAt(index);
        Removed(item);
    }

    /// <inheritdoc />
    public void Clear()
    {
        var items = _items.ToArray();
        _items.Clear();
        foreach (var item in items)
            Removed(item);
    }

    /// <inheritdoc />
    public bool Contains(T item) => IndexOf(item) >= 0;

    /// <inheritdoc />
    public int IndexOf(T item)
    {
        for (var i = 0; i < _items.Count; i++)
        {
            if (ReferenceEquals(_items[i], item))
                return i;
        }
        return -1;
    }

    /// <inheritdoc />
    public void CopyTo(T[] array, int arrayIndex) => _items.CopyTo(array, arrayIndex);

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Replaces the items with <paramref name="items"/> (what a generated setter does with the list assigned, through <see cref="Internal.Instrumentation"/>).</summary>
    internal void Assign(IEnumerable<T>? items)
    {
        if (ReferenceEquals(items, this))
            return;
        var next = items?.ToList() ?? [];
        // Sets by identity, so that assigning a long list is linear, not quadratic.
        var kept = false;
        if (_items.Count > 0)
        {
            var wanted = new HashSet<T>(next, ReferenceEqualityComparer.Instance);
            foreach (var old in _items.ToArray())
            {
                if (!wanted.Contains(old))
                    Remove(old);
            }
            kept = _items.Count > 0;
        }
        var present = new HashSet<T>(_items, ReferenceEqualityComparer.Instance);
        foreach (var item in next)
        {
            if (present.Add(item))
                Add(item);
        }
        // The order assigned is the order kept. Added items are already in it; items kept from before are put in place.
        if (kept)
        {
            var position = new Dictionary<T, int>(next.Count, ReferenceEqualityComparer.Instance);
            for (var i = next.Count - 1; i >= 0; i--)
                position[next[i]] = i;
            _items.Sort((x, y) => position[x].CompareTo(position[y]));
        }
    }

    internal override IEnumerable<object> Items => _items;

    internal override int ItemCount => _items.Count;

    internal override void Load(IEnumerable<object> items) => LoadInto(_items, items);

    internal override void AddQuietly(object item)
    {
        if (!Contains((T)item))
            _items.Add((T)item);
    }

    internal override void RemoveQuietly(object item)
    {
        var index = IndexOf((T)item);
        if (index >= 0)
            _items.RemoveAt(index);
    }

    internal override bool ContainsItem(object item) => Contains((T)item);

    /// <inheritdoc />
    public override string ToString() => $"[{string.Join(", ", _items)}]";
}
