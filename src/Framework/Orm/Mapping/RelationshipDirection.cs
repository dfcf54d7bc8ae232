namespace Framework.Orm;

/// <summary>Which side holds the foreign key.</summary>
public enum RelationshipDirection
{
    /// <summary>The related rows hold the key to this one (a collection, or a one-to-one reference).</summary>
    OneToMany,

    /// <summary>This row holds the key to the related one.</summary>
    ManyToOne,

    /// <summary>An association table holds keys to both.</summary>
    ManyToMany,
}
