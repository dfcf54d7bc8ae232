using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Framework.SourceGenerators;

/// <summary>The attribute names the generator looks for, and what both parsers need to know about a type.</summary>
internal static class Symbols
{
    public const string TableAttribute = "Framework.Orm.TableAttribute";
    public const string DeclarativeBaseAttribute = "Framework.Orm.DeclarativeBaseAttribute";
    public const string PrimaryKeyAttribute = "Framework.Orm.PrimaryKeyAttribute";
    public const string ColumnAttribute = "Framework.Orm.ColumnAttribute";
    public const string ForeignKeyAttribute = "Framework.Orm.ForeignKeyAttribute";
    public const string ServerDefaultAttribute = "Framework.Orm.ServerDefaultAttribute";
    public const string DefaultAttribute = "Framework.Orm.DefaultAttribute";
    public const string DeferredAttribute = "Framework.Orm.DeferredAttribute";
    public const string VersionAttribute = "Framework.Orm.VersionAttribute";
    public const string RelationshipAttribute = "Framework.Orm.RelationshipAttribute";

    /// <summary>Types as generated code writes them: <c>global::</c>-qualified, keywords for special types, nullable annotations kept.</summary>
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(
        SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static bool HasAttribute(ISymbol symbol, string fullName) =>
        symbol.GetAttributes().Any(a => Is(a, fullName));

    public static bool Is(AttributeData attribute, string fullName) =>
        attribute.AttributeClass is { } type && type.ToDisplayString() == fullName;

    /// <summary>The value of a named argument, or null when the attribute does not set it.</summary>
    public static TypedConstant? Named(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name)
                return argument.Value;
        }
        return null;
    }

    /// <summary>The string given as the attribute's one constructor argument, or null.</summary>
    public static string? StringArgument(AttributeData attribute) =>
        attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;

    public static string Namespace(INamedTypeSymbol type) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : "";

    /// <summary>The types around <paramref name="type"/>, outermost first.</summary>
    public static List<INamedTypeSymbol> ContainingTypes(INamedTypeSymbol type)
    {
        var list = new List<INamedTypeSymbol>();
        for (var t = type.ContainingType; t is not null; t = t.ContainingType)
            list.Insert(0, t);
        return list;
    }

    public static EquatableArray<ContainingType> ContainingTypeModels(INamedTypeSymbol type) =>
        new(ContainingTypes(type).Select(t => new ContainingType(Keyword(t), t.Name)));

    /// <summary>Whether every declaration of the type says <c>partial</c>.</summary>
    public static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        type.DeclaringSyntaxReferences.All(r =>
            r.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    /// <summary>The first type around <paramref name="type"/> that is not partial, or null.</summary>
    public static INamedTypeSymbol? NonPartialContainer(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        ContainingTypes(type).FirstOrDefault(t => !IsPartial(t, cancellationToken));

    /// <summary>Whether the type or a type around it is generic: generated code could not name it.</summary>
    public static bool IsGenericOrInGeneric(INamedTypeSymbol type) =>
        type.IsGenericType || ContainingTypes(type).Any(t => t.IsGenericType);

    /// <summary>
    /// The name of the registry class generated for a declarative base (in the base's namespace): it holds the base's
    /// MetaData and the mapper of each entity.
    /// </summary>
    public static string RegistryName(INamedTypeSymbol declarativeBase) =>
        "__FrameworkModel_" + string.Join("_", ContainingTypes(declarativeBase).Select(t => t.Name).Concat([declarativeBase.Name]));

    public static string RegistryFullName(INamedTypeSymbol declarativeBase) =>
        Qualify(Namespace(declarativeBase), RegistryName(declarativeBase));

    /// <summary><c>global::</c> and the namespace-qualified name.</summary>
    public static string Qualify(string ns, string name) => "global::" + (ns.Length == 0 ? name : ns + "." + name);

    public static string FullName(INamedTypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    /// <summary>A hint name unique to the type: its full name without <c>global::</c>.</summary>
    public static string HintName(INamedTypeSymbol type) =>
        type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Substring("global::".Length) + ".g.cs";

    private static string Keyword(INamedTypeSymbol type) => (type.IsRecord, type.TypeKind) switch
    {
        (true, TypeKind.Struct) => "record struct",
        (true, _) => "record",
        (_, TypeKind.Struct) => "struct",
        (_, TypeKind.Interface) => "interface",
        _ => "class",
    };
}
