namespace Framework.Orm;

/// <summary>A foreign key to <c>"table.column"</c>.</summary>
/// <param name="target">The referenced column as <c>"table.column"</c>.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ForeignKeyAttribute(string target) : Attribute
{
    /// <summary>The referenced column as <c>"table.column"</c>.</summary>
    public string Target { get; } = target;

    /// <summary>ON DELETE: CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION.</summary>
    public string? OnDelete { get; set; }

    /// <summary>ON UPDATE: CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION.</summary>
    public string? OnUpdate { get; set; }

    /// <summary>Whether the constraint is checked at commit rather than per statement (where the database can).</summary>
    public bool Deferrable { get; set; }
}
