namespace Framework;

/// <summary>
/// An index created with CREATE INDEX (SQLAlchemy's <c>ReflectedIndex</c>). Indexes that back the primary key or a
/// UNIQUE constraint are not reported as indexes; see <see cref="Inspector.GetUniqueConstraints"/>.
/// </summary>
/// <param name="Name">The index's name.</param>
/// <param name="Columns">The indexed columns in index order. On PostgreSQL an expression is given as its SQL text; SQLite leaves indexes on expressions out, as SQLAlchemy does.</param>
/// <param name="Unique">Whether the index is unique.</param>
public sealed record ReflectedIndex(string Name, IReadOnlyList<string> Columns, bool Unique)
{
    /// <summary>Whether <paramref name="other"/> holds the same facts; column lists compare by value.</summary>
    public bool Equals(ReflectedIndex? other) =>
        other is not null && Name == other.Name && Unique == other.Unique && NameLists.Equal(Columns, other.Columns);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Unique, NameLists.Hash(Columns));
}
