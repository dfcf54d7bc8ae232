using System.ComponentModel;

namespace Framework.Orm;

/// <summary>A relationship's configuration, as <see cref="RelationshipAttribute"/> gives it.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record RelationshipOptions
{
    /// <inheritdoc cref="RelationshipAttribute.BackPopulates"/>
    public string? BackPopulates { get; init; }

    /// <inheritdoc cref="RelationshipAttribute.Lazy"/>
    public LazyStrategy Lazy { get; init; } = LazyStrategy.Select;

    /// <inheritdoc cref="RelationshipAttribute.Cascade"/>
    public string? Cascade { get; init; }

    /// <inheritdoc cref="RelationshipAttribute.OrderBy"/>
    public string? OrderBy { get; init; }

    /// <inheritdoc cref="RelationshipAttribute.Secondary"/>
    public string? Secondary { get; init; }

    /// <inheritdoc cref="RelationshipAttribute.ForeignKeys"/>
    public string? ForeignKeys { get; init; }

    /// <inheritdoc cref="RelationshipAttribute.PassiveDeletes"/>
    public bool PassiveDeletes { get; init; }
}
