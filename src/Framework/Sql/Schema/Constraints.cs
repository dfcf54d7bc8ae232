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

/// <summary>A CHECK constraint: SQL every row must satisfy.</summary>
public sealed class CheckConstraint : SchemaItem
{
    /// <summary>Creates the constraint from SQL, e.g. <c>"price &gt;= 0"</c>.</summary>
    public CheckConstraint(string sql, string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        if (name is not null)
            Identifiers.Validate(name, "constraint");
        Sql = sql;
        Name = name;
    }

    /// <summary>The condition, as SQL.</summary>
    public string Sql { get; }

    /// <summary>The constraint's name, if given.</summary>
    public string? Name { get; }

    internal override string Describe() => $"Check constraint ({Sql})";
}

/// <summary>An index over one or more columns of a table (named so as not to clash with <see cref="System.Index"/>).</summary>
public sealed class TableIndex : SchemaItem
{
    /// <summary>Creates an index named <paramref name="name"/> over the named columns.</summary>
    public TableIndex(string name, params string[] columns) : this(name, unique: false, columns)
    {
    }

    /// <summary>Creates an index, unique when <paramref name="unique"/> is set.</summary>
    public TableIndex(string name, bool unique, params string[] columns)
    {
        Identifiers.Validate(name, "index");
        if (columns.Length == 0)
            throw new ArgumentException($"Index {Identifiers.Quoted(name)} needs at least one column.", nameof(columns));
        Name = name;
        Unique = unique;
        Columns = columns;
    }

    /// <summary>The index's name.</summary>
    public string Name { get; }

    /// <summary>Whether it enforces uniqueness.</summary>
    public bool Unique { get; }

    /// <summary>The columns, by name, in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    internal override string Describe() => $"Index {Identifiers.Quoted(Name)}";
}
