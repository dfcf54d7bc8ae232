namespace Framework.Orm;

/// <summary>A primary key column; several make a composite key, in declaration order.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PrimaryKeyAttribute : Attribute
{
    /// <summary>
    /// Whether the database generates the key when none is given (an identity column). By default a single integer
    /// key does and any other key does not.
    /// </summary>
    public bool Autoincrement { get; set; }
}
