namespace Framework.Orm;

/// <summary>What a relationship property holds.</summary>
public enum RelationshipKind
{
    /// <summary>One related instance, or null (many-to-one, one-to-one).</summary>
    Reference,

    /// <summary>A list (<c>IList&lt;T&gt;</c>, <c>ICollection&lt;T&gt;</c>), held in a <see cref="RelationshipList{T}"/>.</summary>
    List,

    /// <summary>A set (<c>ISet&lt;T&gt;</c>), held in a <see cref="RelationshipSet{T}"/>.</summary>
    Set,

    /// <summary>A <see cref="WriteOnlyCollection{T}"/>: never loaded.</summary>
    WriteOnly,
}
