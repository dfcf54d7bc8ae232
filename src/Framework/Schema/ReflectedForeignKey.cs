namespace Framework;

/// <summary>A foreign key constraint (SQLAlchemy's <c>ReflectedForeignKeyConstraint</c>).</summary>
/// <param name="Name">The constraint's name; on SQLite, which keeps it only in the CREATE TABLE text, null when it was declared without one (or the table is in an attached database other than main and temp).</param>
/// <param name="Columns">The referring columns, in key order.</param>
/// <param name="ReferredTable">The referred table.</param>
/// <param name="ReferredColumns">The referred columns, paired with <paramref name="Columns"/>.</param>
/// <param name="ReferredSchema">The referred table's schema, or null when it is the default schema.</param>
/// <param name="OnDelete">The ON DELETE action (<c>CASCADE</c>, <c>SET NULL</c>, <c>SET DEFAULT</c>, <c>RESTRICT</c>); null for the default, NO ACTION.</param>
/// <param name="OnUpdate">The ON UPDATE action, spelled as <paramref name="OnDelete"/>; null for NO ACTION.</param>
public sealed record ReflectedForeignKey(string? Name, IReadOnlyList<string> Columns, string ReferredTable, IReadOnlyList<string> ReferredColumns,
    string? ReferredSchema, string? OnDelete, string? OnUpdate)
{
    /// <summary>Whether <paramref name="other"/> holds the same facts; column lists compare by value.</summary>
    public bool Equals(ReflectedForeignKey? other) =>
        other is not null && Name == other.Name && ReferredTable == other.ReferredTable && ReferredSchema == other.ReferredSchema
        && OnDelete == other.OnDelete && OnUpdate == other.OnUpdate && NameLists.Equal(Columns, other.Columns)
        && NameLists.Equal(ReferredColumns, other.ReferredColumns);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, ReferredTable, ReferredSchema, OnDelete, OnUpdate, NameLists.Hash(Columns), NameLists.Hash(ReferredColumns));
}
