using System.Linq;
using Microsoft.CodeAnalysis;

namespace Framework.SourceGenerators;

/// <summary>
/// How a property's type reads as a relationship: what it holds and the related class, or, for a concrete
/// <c>List&lt;T&gt;</c> or <c>HashSet&lt;T&gt;</c>, the interface to declare instead. Used inside the parse step only
/// (it holds a symbol).
/// </summary>
internal sealed class RelationshipShape
{
    private RelationshipShape(RelationshipKind kind, INamedTypeSymbol target, string? concrete)
    {
        Kind = kind;
        Target = target;
        Concrete = concrete;
    }

    public RelationshipKind Kind { get; }

    /// <summary>The related class.</summary>
    public INamedTypeSymbol Target { get; }

    /// <summary>For a concrete collection type, the interface to declare instead (<c>IList</c>, <c>ISet</c>); else null.</summary>
    public string? Concrete { get; }

    /// <summary>The related class as generated code writes it, without a nullable annotation.</summary>
    public string TargetName => Target.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(Symbols.TypeFormat);

    /// <summary>What a plain (unmapped) implementation's field starts as: an empty list or set, or the default.</summary>
    public string? PlainInitializer => PlainCollection(Kind, TargetName);

    public static string? PlainCollection(RelationshipKind kind, string target) => kind switch
    {
        RelationshipKind.List => $"new global::System.Collections.Generic.List<{target}>()",
        RelationshipKind.Set => $"new global::System.Collections.Generic.HashSet<{target}>()",
        _ => null,
    };

    /// <summary>
    /// The relationship a property of this type would be, or null: a class (a reference), <c>IList&lt;T&gt;</c>,
    /// <c>ICollection&lt;T&gt;</c>, <c>ISet&lt;T&gt;</c>, <c>List&lt;T&gt;</c>, <c>HashSet&lt;T&gt;</c> or
    /// <c>WriteOnlyCollection&lt;T&gt;</c> of one. With <paramref name="requireTable"/> the class must have [Table];
    /// without, it must be a class declared in source (what a [Relationship] attribute may mean).
    /// </summary>
    public static RelationshipShape? Of(ITypeSymbol type, bool requireTable)
    {
        if (type is not INamedTypeSymbol named)
            return null;
        if (Candidate(named, requireTable))
            return new(RelationshipKind.Reference, named, null);
        if (!named.IsGenericType || named.TypeArguments.Length != 1 || named.TypeArguments[0] is not INamedTypeSymbol element || !Candidate(element, requireTable))
            return null;
        return named.OriginalDefinition.ToDisplayString() switch
        {
            "System.Collections.Generic.IList<T>" or "System.Collections.Generic.ICollection<T>" => new(RelationshipKind.List, element, null),
            "System.Collections.Generic.ISet<T>" => new(RelationshipKind.Set, element, null),
            "System.Collections.Generic.List<T>" => new(RelationshipKind.List, element, "IList"),
            "System.Collections.Generic.HashSet<T>" => new(RelationshipKind.Set, element, "ISet"),
            "Framework.Orm.WriteOnlyCollection<T>" => new(RelationshipKind.WriteOnly, element, null),
            _ => null,
        };
    }

    private static bool Candidate(INamedTypeSymbol type, bool requireTable) => requireTable
        ? Symbols.HasAttribute(type, Symbols.TableAttribute)
        : type.TypeKind == TypeKind.Class && type.SpecialType == SpecialType.None && type.Locations.Any(l => l.IsInSource);
}
