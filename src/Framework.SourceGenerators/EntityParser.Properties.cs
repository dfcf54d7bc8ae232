using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Framework.SourceGenerators;

internal static partial class EntityParser
{
    private static readonly string[] MappingAttributes =
    [
        Symbols.PrimaryKeyAttribute, Symbols.ColumnAttribute, Symbols.ForeignKeyAttribute, Symbols.ServerDefaultAttribute,
        Symbols.DefaultAttribute, Symbols.DeferredAttribute, Symbols.VersionAttribute,
    ];

    private static readonly string[] ReferentialActions = ["CASCADE", "SET NULL", "SET DEFAULT", "RESTRICT", "NO ACTION"];

    private sealed class Properties
    {
        public List<ColumnModel> Columns { get; } = [];

        public List<PlainPropertyModel> Plain { get; } = [];

        public List<ForeignKeyReference> ForeignKeys { get; } = [];

        public List<RelationshipModel> Relationships { get; } = [];

        public List<RelationshipReference> RelationshipChecks { get; } = [];
    }

    // declarativeBase: the entity's declarative base when it is mapped, else null (its relationships are then plain properties).
    private static Properties ParseProperties(INamedTypeSymbol type, Compilation compilation, INamedTypeSymbol? declarativeBase, List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        var result = new Properties();
        var taken = ReservedNames(type);
        var columnOwners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (property.IsStatic || property.IsIndexer || property.IsImplicitlyDeclared)
                continue;
            var attributes = property.GetAttributes().Where(a => MappingAttributes.Any(m => Symbols.Is(a, m))).ToList();
            if (property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is not PropertyDeclarationSyntax syntax)
                continue;
            if (!property.IsPartialDefinition)
            {
                // A plain property is simply not mapped, unless its attributes say it should be.
                if ((attributes.Count > 0 || Symbols.HasAttribute(property, Symbols.RelationshipAttribute)) && property.PartialDefinitionPart is null)
                {
                    var modifiers = string.Join(" ", syntax.Modifiers.Select(m => m.Text));
                    diagnostics.Add(DiagnosticInfo.Create(Diagnostics.PropertyNotPartial, LocationInfo.From(syntax.Identifier),
                        type.Name, property.Name, modifiers.Length == 0 ? "public" : modifiers, property.Type.ToDisplayString()));
                }
                continue;
            }
            if (property.PartialImplementationPart is not null)
                continue; // implemented by hand: the user's own property

            var signature = Signature(property, syntax);
            var field = UniqueField(property.Name, taken);

            var relationshipAttribute = property.GetAttributes().FirstOrDefault(a => Symbols.Is(a, Symbols.RelationshipAttribute));
            if (RelationshipShape.Of(property.Type, requireTable: true) is { } shape)
            {
                if (attributes.Count > 0)
                {
                    diagnostics.Add(Unsupported(type, property, syntax, ColumnTypes.SupportedTypes));
                    result.Plain.Add(new(signature, field, shape.PlainInitializer, $"{property.Name} is a relationship with column attributes (see the error); it is a plain property, not mapped."));
                    continue;
                }
                ParseRelationship(type, property, syntax, relationshipAttribute, signature, field, shape, declarativeBase, result, diagnostics, cancellationToken);
                continue;
            }
            if (relationshipAttribute is not null)
            {
                var location = LocationInfo.From(relationshipAttribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken));
                if (RelationshipShape.Of(property.Type, requireTable: false) is { } unmapped)
                {
                    diagnostics.Add(DiagnosticInfo.Create(Diagnostics.RelatedClassNotMapped, LocationInfo.From(syntax.Type), type.Name, property.Name,
                        unmapped.Target.Name, declarativeBase?.Name ?? "the declarative base"));
                    result.Plain.Add(new(signature, field, unmapped.PlainInitializer, $"{property.Name} relates to a class that is not mapped (see the error); it is a plain property."));
                    continue;
                }
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NotARelationship, location, type.Name, property.Name, Articles.With(property.Type.ToDisplayString())));
                if (!ColumnTypes.TryClassify(ColumnTypes.Unwrap(property.Type, out _), out _, out _))
                {
                    result.Plain.Add(new(signature, field, null, $"{property.Name} is neither a relationship nor a column (see the error); it is a plain property, not mapped."));
                    continue;
                }
            }

            var valueType = ColumnTypes.Unwrap(property.Type, out var nullableType);
            if (!ColumnTypes.TryClassify(valueType, out var sqlType, out var problem))
            {
                diagnostics.Add(Unsupported(type, property, syntax, problem!));
                result.Plain.Add(new(signature, field, null, $"{property.Name} has a type no column can hold (see the error); it is a plain property, not mapped."));
                continue;
            }

            var column = ParseColumn(type, property, syntax, attributes, compilation, signature, field, valueType, nullableType, sqlType, diagnostics);
            if (columnOwners.TryGetValue(column.ColumnName, out var owner))
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.DuplicateColumn, LocationInfo.From(syntax.Identifier),
                    type.Name, property.Name, column.ColumnName, TableName(type), owner));
            }
            else
            {
                columnOwners.Add(column.ColumnName, property.Name);
            }
            if (column.ForeignKey is { } foreignKey)
            {
                var attribute = attributes.First(a => Symbols.Is(a, Symbols.ForeignKeyAttribute));
                result.ForeignKeys.Add(new(type.Name, property.Name, foreignKey.Target, LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken))));
            }
            result.Columns.Add(column);
        }
        return result;
    }

    private static ColumnModel ParseColumn(INamedTypeSymbol type, IPropertySymbol property, PropertyDeclarationSyntax syntax, List<AttributeData> attributes,
        Compilation compilation, PropertySignature signature, string field, ITypeSymbol valueType, bool nullableType, string? sqlType,
        List<DiagnosticInfo> diagnostics)
    {
        string? columnName = null;
        bool? nullable = nullableType;
        bool? autoincrement = null;
        bool primaryKey = false, unique = false, index = false, deferred = false, version = false;
        string? serverDefault = null, defaultValue = null;
        ForeignKeyModel? foreignKey = null;

        foreach (var attribute in attributes)
        {
            var location = LocationInfo.From(attribute.ApplicationSyntaxReference?.GetSyntax());
            switch (attribute.AttributeClass!.ToDisplayString())
            {
                case Symbols.PrimaryKeyAttribute:
                    primaryKey = true;
                    if (Symbols.Named(attribute, "Autoincrement") is { Value: bool increments })
                        autoincrement = increments;
                    break;
                case Symbols.ColumnAttribute:
                    columnName = Symbols.StringArgument(attribute);
                    if (Symbols.Named(attribute, "Nullable") is { Value: bool explicitNullable })
                        nullable = explicitNullable;
                    unique = Symbols.Named(attribute, "Unique") is { Value: true };
                    index = Symbols.Named(attribute, "Index") is { Value: true };
                    sqlType = ExplicitSqlType(type, property, attribute, valueType, location, diagnostics) ?? sqlType;
                    break;
                case Symbols.ForeignKeyAttribute:
                    foreignKey = new(
                        Symbols.StringArgument(attribute) ?? "",
                        Action(attribute, "OnDelete", location, diagnostics),
                        Action(attribute, "OnUpdate", location, diagnostics),
                        Symbols.Named(attribute, "Deferrable") is { Value: true });
                    break;
                case Symbols.ServerDefaultAttribute:
                    serverDefault = Symbols.StringArgument(attribute);
                    break;
                case Symbols.DefaultAttribute:
                    defaultValue = DefaultValue(type, property, attribute, valueType, compilation, location, diagnostics);
                    break;
                case Symbols.DeferredAttribute:
                    deferred = true;
                    break;
                case Symbols.VersionAttribute:
                    version = true;
                    if (!ColumnTypes.IsInteger(valueType))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(Diagnostics.InvalidVersionType, LocationInfo.From(syntax.Identifier),
                            type.Name, property.Name, Articles.With(property.Type.ToDisplayString())));
                    }
                    break;
            }
        }

        return new ColumnModel(
            signature,
            field,
            signature.Type,
            columnName ?? Naming.SnakeCase(property.Name),
            sqlType,
            primaryKey,
            primaryKey ? null : nullable, // a key column is never NULL, whatever its type says
            autoincrement,
            unique,
            index,
            serverDefault,
            defaultValue,
            foreignKey,
            deferred,
            version,
            ColumnTypes.Reader(valueType, nullableType));
    }

    /// <summary>
    /// The SQL type that [Column(Type = ..., Length = ..., Precision = ..., Scale = ..., Timezone = ...)] asks for, or null
    /// for the inferred one; reports a Type that does not fit the property.
    /// </summary>
    private static string? ExplicitSqlType(INamedTypeSymbol type, IPropertySymbol property, AttributeData attribute, ITypeSymbol valueType,
        LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        var length = Symbols.Named(attribute, "Length") is { Value: int l } ? l : 0;
        var precision = Symbols.Named(attribute, "Precision") is { Value: int p } ? p : 0;
        var scale = Symbols.Named(attribute, "Scale") is { Value: int s } ? s : 0;
        var timezone = Symbols.Named(attribute, "Timezone") is { Value: true };
        if (Symbols.Named(attribute, "Type") is { Type: INamedTypeSymbol kindType, Value: { } kindValue }
            && kindType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, kindValue)) is { Name: var kind }
            && kind != "Unknown")
        {
            if (ColumnTypes.Misfit(kind, valueType) is not { } misfit)
                return ColumnTypes.FromKind(kind, length, precision, scale, timezone);
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.TypeMisfit, location, kind, type.Name, property.Name, Articles.With(property.Type.ToDisplayString()), misfit));
            return null;
        }
        return valueType.SpecialType switch
        {
            SpecialType.System_String or SpecialType.System_Char when length > 0 => ColumnTypes.FromKind("String", length, 0, 0, false),
            SpecialType.System_Decimal or SpecialType.System_Double or SpecialType.System_Single when precision > 0 => ColumnTypes.FromKind("Numeric", 0, precision, scale, false),
            SpecialType.System_DateTime when timezone => ColumnTypes.FromKind("DateTime", 0, 0, 0, true),
            _ when timezone && valueType.Name == "DateTimeOffset" => ColumnTypes.FromKind("DateTime", 0, 0, 0, true),
            _ => null,
        };
    }

    /// <summary>A referential action (OnDelete, OnUpdate) in the form the runtime accepts, reporting one it would refuse.</summary>
    private static string? Action(AttributeData attribute, string name, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        if (Symbols.Named(attribute, name) is not { Value: string value })
            return null;
        var normalized = string.Join(" ", value.Split([' '], StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
        if (Array.IndexOf(ReferentialActions, normalized) < 0)
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.InvalidReferentialAction, location, value));
        return value;
    }

    /// <summary>
    /// The [Default] value as a C# expression of the property's type (the runtime requires a value of exactly that type),
    /// or null when there is none or it does not fit.
    /// </summary>
    private static string? DefaultValue(INamedTypeSymbol type, IPropertySymbol property, AttributeData attribute, ITypeSymbol valueType,
        Compilation compilation, LocationInfo? location, List<DiagnosticInfo> diagnostics)
    {
        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0] is not { IsNull: false } value)
            return null;
        var target = valueType.ToDisplayString(Symbols.TypeFormat);
        string? literal = null;
        if (value.Kind == TypedConstantKind.Primitive && value.Type is { } valueSymbol
            && compilation.ClassifyConversion(valueSymbol, valueType) is { Exists: true } && FitsNumber(value.Value, valueType))
        {
            literal = Literal(value.Value!);
        }
        else if (value.Kind == TypedConstantKind.Enum && value.Type is { } enumType && compilation.ClassifyConversion(enumType, valueType).Exists)
        {
            literal = "(" + enumType.ToDisplayString(Symbols.TypeFormat) + ")(" + Literal(value.Value!) + ")";
        }
        if (literal is null)
        {
            var shown = value.Kind == TypedConstantKind.Array ? "an array" : value.Kind == TypedConstantKind.Type ? "a type" : value.ToCSharpString();
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.InvalidDefault, location, type.Name, property.Name, shown, Articles.With(property.Type.ToDisplayString())));
            return null;
        }
        return "(" + target + ")(" + literal + ")";
    }

    /// <summary>Whether a numeric default is in the range of a numeric property (a cast of a constant out of range does not compile).</summary>
    private static bool FitsNumber(object? value, ITypeSymbol target)
    {
        if (value is not IConvertible number || value is string or bool or char)
            return true;
        try
        {
            _ = target.SpecialType switch
            {
                SpecialType.System_SByte => number.ToSByte(CultureInfo.InvariantCulture),
                SpecialType.System_Byte => number.ToByte(CultureInfo.InvariantCulture),
                SpecialType.System_Int16 => number.ToInt16(CultureInfo.InvariantCulture),
                SpecialType.System_UInt16 => number.ToUInt16(CultureInfo.InvariantCulture),
                SpecialType.System_Int32 => number.ToInt32(CultureInfo.InvariantCulture),
                SpecialType.System_UInt32 => number.ToUInt32(CultureInfo.InvariantCulture),
                SpecialType.System_Int64 => number.ToInt64(CultureInfo.InvariantCulture),
                SpecialType.System_UInt64 => number.ToUInt64(CultureInfo.InvariantCulture),
                SpecialType.System_Decimal => number.ToDecimal(CultureInfo.InvariantCulture),
                _ => (object)0,
            };
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>A C# literal for a constant from an attribute.</summary>
    private static string Literal(object value) => value switch
    {
        string s => SymbolDisplay.FormatLiteral(s, quote: true),
        char c => SymbolDisplay.FormatLiteral(c, quote: true),
        bool b => b ? "true" : "false",
        float f when float.IsNaN(f) => "float.NaN",
        float f when float.IsInfinity(f) => f > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity",
        float f => f.ToString("R", CultureInfo.InvariantCulture) + "F",
        double d when double.IsNaN(d) => "double.NaN",
        double d when double.IsInfinity(d) => d > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity",
        double d => d.ToString("R", CultureInfo.InvariantCulture) + "D",
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        ulong u => u.ToString(CultureInfo.InvariantCulture) + "UL",
        uint u => u.ToString(CultureInfo.InvariantCulture) + "U",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "default",
    };

    private static DiagnosticInfo Unsupported(INamedTypeSymbol type, IPropertySymbol property, PropertyDeclarationSyntax syntax, string problem) =>
        DiagnosticInfo.Create(Diagnostics.UnsupportedType, LocationInfo.From(syntax.Type), type.Name, property.Name, Articles.With(property.Type.ToDisplayString()), problem);

    private static string TableName(INamedTypeSymbol type) =>
        type.GetAttributes().FirstOrDefault(a => Symbols.Is(a, Symbols.TableAttribute)) is { } table ? Symbols.StringArgument(table) ?? type.Name : type.Name;

    /// <summary>The declaration an implementation must repeat: modifiers, type and accessors.</summary>
    private static PropertySignature Signature(IPropertySymbol property, PropertyDeclarationSyntax syntax) => new(
        property.Name,
        string.Join(" ", syntax.Modifiers.Select(m => m.Text)),
        property.Type.ToDisplayString(Symbols.TypeFormat),
        new(syntax.AccessorList?.Accessors.Select(a => new AccessorModel(a.Keyword.Text, string.Join(" ", a.Modifiers.Select(m => m.Text))))
            ?? []),
        property.Type.IsReferenceType && property.Type.NullableAnnotation != NullableAnnotation.Annotated);
}
