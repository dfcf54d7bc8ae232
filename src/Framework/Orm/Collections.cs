using System.Collections;
using System.ComponentModel;
using Framework.Sql;

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

    /// <summary>The collection of relationship <paramref name="index"/> of <paramref name="owner"/> (generated code makes it).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public RelationshipList(IMapped owner, int index) : base(owner, index)
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

    /// <summary>Replaces the items with <paramref name="items"/> (what a generated setter does with the list assigned).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Assign(IEnumerable<T>? items)
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

    internal override void Load(IEnumerable<object> items)
    {
        _items.Clear();
        foreach (var item in items)
            _items.Add((T)item);
    }

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

/// <summary>The set behind an <c>ISet&lt;T&gt;</c> relationship property: instances by identity, adds and removes recorded.</summary>
/// <typeparam name="T">The related entity type.</typeparam>
public sealed class RelationshipSet<T> : RelationshipCollection, ISet<T>, IReadOnlySet<T>
    where T : class
{
    private readonly HashSet<T> _items = new(ReferenceEqualityComparer.Instance);

    /// <summary>The collection of relationship <paramref name="index"/> of <paramref name="owner"/> (generated code makes it).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public RelationshipSet(IMapped owner, int index) : base(owner, index)
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

    /// <summary>Replaces the items with <paramref name="items"/> (what a generated setter does with the set assigned).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void Assign(IEnumerable<T>? items)
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

    internal override void Load(IEnumerable<object> items)
    {
        _items.Clear();
        foreach (var item in items)
            _items.Add((T)item);
    }

    internal override void AddQuietly(object item) => _items.Add((T)item);

    internal override void RemoveQuietly(object item) => _items.Remove((T)item);

    internal override bool ContainsItem(object item) => _items.Contains((T)item);
}

/// <summary>
/// A write-only ("dynamic") relationship: it never loads. <see cref="Add"/> and <see cref="Remove"/> are written at
/// the next flush; <see cref="Select"/> is the statement of the related rows, to run with the session.
/// </summary>
/// <typeparam name="T">The related entity type.</typeparam>
public sealed class WriteOnlyCollection<T> : RelationshipCollection
    where T : class, IMapped<T>
{
    private readonly List<T> _pending = [];

    /// <summary>The collection of relationship <paramref name="index"/> of <paramref name="owner"/> (generated code makes it).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public WriteOnlyCollection(IMapped owner, int index) : base(owner, index)
    {
    }

    /// <summary>Adds an instance to the collection: its foreign key (or association row) is written at the next flush.</summary>
    public void Add(T item)
    {
        RequireItem(item);
        _pending.Add(item);
        Added(item);
    }

    /// <summary>Adds instances.</summary>
    public void AddAll(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
            Add(item);
    }

    /// <summary>Removes an instance from the collection at the next flush.</summary>
    public void Remove(T item)
    {
        RequireItem(item);
        _pending.Remove(item);
        Removed(item);
    }

    /// <summary>
    /// The SELECT of the related instances (<c>session.ScalarsAsync(user.Addresses.Select())</c>), to refine with
    /// Where, OrderBy and the rest. The instance must be persistent.
    /// </summary>
    public Select<T> Select() => Sql.Expressions.Select<T>().Where(Relationships.Criteria(Owner.EntityState, Index));

    /// <summary>An INSERT into the related table (for rows the caller writes in bulk).</summary>
    public Insert Insert() => T.Mapper.Table.Insert();

    /// <summary>An UPDATE of the related rows of this instance.</summary>
    public Update<T> Update() => Sql.Expressions.Update<T>().Where(Relationships.Criteria(Owner.EntityState, Index));

    /// <summary>A DELETE of the related rows of this instance.</summary>
    public Delete<T> Delete() => Sql.Expressions.Delete<T>().Where(Relationships.Criteria(Owner.EntityState, Index));

    internal override IEnumerable<object> Items => _pending;

    internal override int ItemCount => _pending.Count;

    internal override void Load(IEnumerable<object> items) => _pending.Clear();

    internal override void AddQuietly(object item)
    {
    }

    internal override void RemoveQuietly(object item)
    {
    }

    internal override bool ContainsItem(object item) => _pending.Contains((T)item);
}
