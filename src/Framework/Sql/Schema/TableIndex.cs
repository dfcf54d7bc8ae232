namespace Framework.Sql;

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
