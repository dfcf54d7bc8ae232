namespace Framework.Sql;

/// <summary>A UNIQUE constraint over one or more columns of a table.</summary>
public sealed class UniqueConstraint : SchemaItem
{
    /// <summary>Creates the constraint over the named columns.</summary>
    public UniqueConstraint(params string[] columns) : this(null, columns)
    {
    }

    /// <summary>Creates a named constraint over the named columns.</summary>
    public UniqueConstraint(string? name, params string[] columns)
    {
        if (columns.Length == 0)
            throw new ArgumentException("A unique constraint needs at least one column.", nameof(columns));
        if (name is not null)
            Identifiers.Validate(name, "constraint");
        Name = name;
        Columns = columns;
    }

    /// <summary>The constraint's name, if given.</summary>
    public string? Name { get; }

    /// <summary>The columns, by name.</summary>
    public IReadOnlyList<string> Columns { get; }

    internal override string Describe() => $"Unique constraint on ({string.Join(", ", Columns)})";
}
