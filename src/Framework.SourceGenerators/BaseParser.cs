using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Framework.SourceGenerators;

/// <summary>Reads a [DeclarativeBase] class: where its registry goes, and whether it is declared as the generator needs.</summary>
internal static class BaseParser
{
    public static BaseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var location = LocationInfo.From(((TypeDeclarationSyntax)context.TargetNode).Identifier);
        if (Symbols.IsGenericOrInGeneric(type) || type.IsRecord || type.TypeKind != TypeKind.Class)
        {
            return new(null, new([DiagnosticInfo.Create(Diagnostics.UnsupportedClassShape, location, type.Name,
                "a declarative base is a non-generic abstract partial class, not nested in a generic type")]));
        }

        var selfPartial = Symbols.IsPartial(type, cancellationToken);
        var container = Symbols.NonPartialContainer(type, cancellationToken);
        var isPartial = selfPartial && container is null;
        var missing = (type.IsAbstract, selfPartial) switch
        {
            (false, false) => "abstract partial",
            (false, true) => "abstract",
            (true, false) => "partial",
            _ => container is null ? null : $"in a partial type ('{container.Name}' is not partial)",
        };
        var diagnostics = missing is null
            ? EquatableArray<DiagnosticInfo>.Empty
            : new([DiagnosticInfo.Create(Diagnostics.BaseNotAbstractPartial, location, type.Name, missing)]);

        // The registry is emitted even when the base itself cannot take the MetaData property, so its entities compile.
        var model = new BaseModel(
            Symbols.Namespace(type),
            Symbols.ContainingTypeModels(type),
            type.Name,
            Symbols.FullName(type),
            Symbols.HintName(type),
            Symbols.RegistryFullName(type),
            Symbols.RegistryName(type),
            isPartial);
        return new(model, diagnostics);
    }
}
