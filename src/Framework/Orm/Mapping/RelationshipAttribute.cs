namespace Framework.Orm;

/// <summary>
/// Configures a relationship property (a collection or a reference to another mapped class). Without it, the
/// relationship is found from the property's type and the foreign keys between the two tables.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RelationshipAttribute : Attribute
{
    /// <summary>The property on the other class that is the reverse of this one; the two are kept in sync in memory.</summary>
    public string? BackPopulates { get; set; }

    /// <summary>How the related instances load by default.</summary>
    public LazyStrategy Lazy { get; set; } = LazyStrategy.Select;

    /// <summary>
    /// The operations that cascade from the parent to the related instances, comma separated: save-update, merge,
    /// delete, delete-orphan, expunge, refresh-expire, or all (every one but delete-orphan). Default "save-update, merge".
    /// </summary>
    public string? Cascade { get; set; }

    /// <summary>The order of a collection when loaded: column names of the related table, each optionally followed by DESC.</summary>
    public string? OrderBy { get; set; }

    /// <summary>The association table of a many-to-many relationship.</summary>
    public string? Secondary { get; set; }

    /// <summary>The foreign-key column(s) that join the two tables ("table.column", comma separated), when more than one could.</summary>
    public string? ForeignKeys { get; set; }

    /// <summary>Whether deleting the parent leaves its children to the database's ON DELETE rule instead of loading them.</summary>
    public bool PassiveDeletes { get; set; }

    /// <summary>Whether it holds a collection; it must agree with the property's type (a reference property is one-to-one or many-to-one).</summary>
    public bool UseList { get; set; } = true;
}
