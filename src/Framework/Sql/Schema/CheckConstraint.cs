namespace Framework.Sql;

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
