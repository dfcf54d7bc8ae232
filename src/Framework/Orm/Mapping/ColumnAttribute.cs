using Framework.Sql;

namespace Framework.Orm;

/// <summary>How a property is stored: its column name (snake_case of the property by default), type and constraints.</summary>
/// <param name="name">The column's name; null for the snake_case of the property's name.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ColumnAttribute(string? name = null) : Attribute
{
    /// <summary>The column's name; null for the snake_case of the property's name.</summary>
    public string? Name { get; } = name;

    /// <summary>The SQL type; by default inferred from the property's type.</summary>
    public SqlTypeKind Type { get; set; } = SqlTypeKind.Unknown;

    /// <summary>The length of a string column (VARCHAR(n)).</summary>
    public int Length { get; set; }

    /// <summary>The precision of a numeric column.</summary>
    public int Precision { get; set; }

    /// <summary>The scale of a numeric column.</summary>
    public int Scale { get; set; }

    /// <summary>Whether a DateTime column stores a time zone.</summary>
    public bool Timezone { get; set; }

    /// <summary>Whether the column allows NULL; when not set, a nullable property type makes a nullable column.</summary>
    public bool Nullable { get; set; }

    /// <summary>Whether the column's values are unique.</summary>
    public bool Unique { get; set; }

    /// <summary>Whether the column is indexed.</summary>
    public bool Index { get; set; }
}
