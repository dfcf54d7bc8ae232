namespace Framework;

/// <summary>A UNIQUE constraint (SQLAlchemy's <c>ReflectedUniqueConstraint</c>).</summary>
/// <param name="Name">The constraint's name; on SQLite, which keeps it only in the CREATE TABLE text, null when it was declared without one (or the table is in an attached database other than main and temp).</param>
/// <param name="Columns">The constrained columns, in order.</param>
public sealed record ReflectedUniqueConstraint(string? Name, IReadOnlyList<string> Columns)
{
    /// <summary>Whether <paramref name="other"/> holds the same facts; column lists compare by value.</summary>
    public bool Equals(ReflectedUniqueConstraint? other) =>
        other is not null && Name == other.Name && NameLists.Equal(Columns, other.Columns);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, NameLists.Hash(Columns));
}
