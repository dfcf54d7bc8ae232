namespace Framework;

/// <summary>A table's primary key constraint (SQLAlchemy's <c>ReflectedPrimaryKeyConstraint</c>).</summary>
/// <param name="Name">The constraint's name; null on SQLite, which does not keep it, and when the table has no primary key.</param>
/// <param name="Columns">The key's columns in key order; empty when the table has no primary key.</param>
public sealed record ReflectedPrimaryKey(string? Name, IReadOnlyList<string> Columns)
{
    /// <summary>Whether <paramref name="other"/> holds the same facts; column lists compare by value.</summary>
    public bool Equals(ReflectedPrimaryKey? other) =>
        other is not null && Name == other.Name && NameLists.Equal(Columns, other.Columns);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, NameLists.Hash(Columns));
}
