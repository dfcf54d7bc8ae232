using Framework.Sql;

namespace Framework.Orm;

/// <summary>
/// A write-only ("dynamic") relationship: it never loads. <see cref="Add"/> and <see cref="Remove"/> are written at
/// the next flush; <see cref="Select"/> is the statement of the related rows, to run with the session.
/// </summary>
/// <typeparam name="T">The related entity type.</typeparam>
public sealed class WriteOnlyCollection<T> : RelationshipCollection
    where T : class, IMapped<T>
{
    private readonly List<T> _pending = [];

    /// <summary>The collection of relationship <paramref name="index"/> of <paramref name="owner"/> (generated code makes it with <see cref="Internal.Instrumentation"/>).</summary>
    internal WriteOnlyCollection(IMapped owner, int index) : base(owner, index)
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
