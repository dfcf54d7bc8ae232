using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Framework.SourceGenerators;

internal static partial class EntityParser
{
    /// <summary>
    /// Reads a relationship property into a <see cref="RelationshipModel"/>, or into a plain property when it cannot be
    /// mapped, reporting what is wrong with its type, its target and its [Relationship] settings.
    /// </summary>
    private static void ParseRelationship(INamedTypeSymbol type, IPropertySymbol property, PropertyDeclarationSyntax syntax, AttributeData? attribute,
        PropertySignature signature, string field, RelationshipShape shape, INamedTypeSymbol? declarativeBase, Properties result,
        List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        if (shape.Concrete is { } interfaceName)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.ConcreteCollection, LocationInfo.From(syntax.Type),
                type.Name, property.Name, Articles.With(property.Type.ToDisplayString()), $"{interfaceName}<{shape.Target.Name}>"));
            result.Plain.Add(new(signature, field, shape.PlainInitializer, $"{property.Name} is a concrete collection (see the error); it is a plain property, not mapped."));
            return;
        }
        var model = new RelationshipModel(signature, field, shape.Kind, shape.TargetName, EquatableArray<string>.Empty);
        if (declarativeBase is null)
        {
            // The class is not mapped (its error says why): the emitter writes the relationship as a plain property.
            result.Relationships.Add(model);
            return;
        }
        switch (TargetFits(shape.Target, declarativeBase, cancellationToken))
        {
            case null:
                result.Plain.Add(new(signature, field, shape.PlainInitializer, $"{property.Name} relates to a class that cannot be mapped (see its error); it is a plain property."));
                return;
            case false:
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.RelatedClassNotMapped, LocationInfo.From(syntax.Type),
                    type.Name, property.Name, shape.Target.Name, declarativeBase.Name));
                result.Plain.Add(new(signature, field, shape.PlainInitializer, $"{property.Name} relates to a class of another declarative base (see the error); it is a plain property."));
                return;
        }

        if (shape.Kind == RelationshipKind.WriteOnly && syntax.AccessorList?.Accessors.FirstOrDefault(a => !a.Keyword.IsKind(SyntaxKind.GetKeyword)) is { } setter)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.WriteOnlySetter, LocationInfo.From(setter),
                type.Name, property.Name, setter.Keyword.Text, shape.Target.Name));
        }

        string? secondary = null;
        var options = new List<string>();
        if (attribute is not null)
        {
            var location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken));
            foreach (var argument in attribute.NamedArguments)
            {
                var value = argument.Value;
                switch (argument.Key)
                {
                    case "BackPopulates" when value.Value is string back:
                        options.Add("BackPopulates = " + Literal(back));
                        if (BackPopulatesProblem(shape.Target, back) is { } known)
                            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnknownBackPopulates, location, type.Name, property.Name, back, shape.Target.Name, known));
                        break;
                    case "Lazy" when value.Type is INamedTypeSymbol lazyType
                        && lazyType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value.Value)) is { Name: var strategy }:
                        options.Add("Lazy = global::Framework.Orm.LazyStrategy." + strategy);
                        if (strategy == "WriteOnly" && shape.Kind != RelationshipKind.WriteOnly)
                        {
                            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.WriteOnlyLazyWithoutCollection, location,
                                type.Name, property.Name, Articles.With(property.Type.ToDisplayString()), shape.Target.Name));
                        }
                        break;
                    case "Cascade" or "OrderBy" or "Secondary" or "ForeignKeys" when value.Value is string text:
                        options.Add(argument.Key + " = " + Literal(text));
                        if (argument.Key == "Secondary")
                            secondary = text;
                        break;
                    case "PassiveDeletes" when value.Value is bool passive:
                        options.Add("PassiveDeletes = " + (passive ? "true" : "false"));
                        break;
                    case "UseList" when value.Value is false && shape.Kind != RelationshipKind.Reference:
                        diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UseListOnCollection, location, type.Name, property.Name, Articles.With(property.Type.ToDisplayString()), shape.Target.Name));
                        break;
                }
            }
        }
        result.Relationships.Add(model with { Options = new(options) });
        result.RelationshipChecks.Add(new(type.Name, property.Name, Symbols.FullName(shape.Target), secondary, LocationInfo.From(syntax.Identifier)));
    }

    /// <summary>
    /// Whether the related class is mapped under <paramref name="declarativeBase"/>: true; false when it derives from
    /// another base or none; null when it cannot be mapped at all, which its own error reports.
    /// </summary>
    private static bool? TargetFits(INamedTypeSymbol target, INamedTypeSymbol declarativeBase, CancellationToken cancellationToken)
    {
        if (!Symbols.IsPartial(target, cancellationToken) || Symbols.NonPartialContainer(target, cancellationToken) is not null || ShapeProblem(target) is not null
            || new[] { target }.Concat(Symbols.ContainingTypes(target)).Any(t => t.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal))
        {
            return null;
        }
        for (var ancestor = target.BaseType; ancestor is not null; ancestor = ancestor.BaseType)
        {
            if (Symbols.HasAttribute(ancestor, Symbols.TableAttribute))
                return null;
            if (Symbols.HasAttribute(ancestor, Symbols.DeclarativeBaseAttribute))
                return SymbolEqualityComparer.Default.Equals(ancestor, declarativeBase);
        }
        return false;
    }

    /// <summary>Null when <paramref name="name"/> is a relationship property of the target; else the ones it has, for the message.</summary>
    private static string? BackPopulatesProblem(INamedTypeSymbol target, string name)
    {
        var relationships = target.GetMembers().OfType<IPropertySymbol>()
            .Where(p => !p.IsStatic && RelationshipShape.Of(p.Type, requireTable: true) is { Concrete: null })
            .Select(p => p.Name)
            .ToList();
        if (relationships.Contains(name))
            return null;
        return relationships.Count == 0 ? "it has none" : "its relationship properties: " + string.Join(", ", relationships);
    }
}
