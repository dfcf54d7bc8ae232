using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Framework.SourceGenerators;

/// <summary>
/// Reads a [Table] class into an <see cref="EntityResult"/>: the model its source is written from, and the mistakes
/// found on the way. Runs in the pipeline's transform step, the only place that sees symbols.
/// </summary>
internal static partial class EntityParser
{
    // Members the generated part declares; a backing field never takes one of these names.
    private static readonly string[] GeneratedMembers = ["__state", "__Mapper", "__BuildMapper", "AwaitableAttrs", "AwaitableAttributes"];

    public static EntityResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (TypeDeclarationSyntax)context.TargetNode;
        var classLocation = LocationInfo.From(declaration.Identifier);
        var diagnostics = new List<DiagnosticInfo>();
        var name = type.Name;

        if (Symbols.NonPartialContainer(type, cancellationToken) is { } container)
            return Failed(DiagnosticInfo.Create(Diagnostics.ClassNotPartial, classLocation, name, $"its containing type '{container.Name}'"));
        if (!Symbols.IsPartial(type, cancellationToken))
            return Failed(DiagnosticInfo.Create(Diagnostics.ClassNotPartial, classLocation, name, "it"));
        if (ShapeProblem(type) is { } problem)
            return Failed(DiagnosticInfo.Create(Diagnostics.UnsupportedClassShape, classLocation, name, problem));

        var table = context.Attributes[0];
        var tableName = Symbols.StringArgument(table) ?? "";
        var eagerDefaults = Symbols.Named(table, "EagerDefaults") is { Value: true };

        // The declarative base is the nearest ancestor marked [DeclarativeBase]; a mapped class before it is inheritance
        // between mapped classes, which a later version may support (SQLAlchemy's single- and joined-table inheritance).
        var mode = EmitMode.Mapped;
        if (new[] { type }.Concat(Symbols.ContainingTypes(type)).Any(t => t.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal))
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.UnsupportedClassShape, classLocation, name,
                "it is private or protected, and its declarative base's generated MetaData must reach it; make it internal or public"));
            mode = EmitMode.PlainProperties;
        }
        string? registry = null;
        var registryField = name;
        INamedTypeSymbol? declarativeBase = null;
        for (var ancestor = type.BaseType; mode == EmitMode.Mapped && ancestor is not null; ancestor = ancestor.BaseType)
        {
            if (Symbols.HasAttribute(ancestor, Symbols.TableAttribute))
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.MappedInheritance, classLocation, name, ancestor.Name));
                mode = EmitMode.PlainProperties;
                break;
            }
            if (Symbols.HasAttribute(ancestor, Symbols.DeclarativeBaseAttribute))
            {
                declarativeBase = ancestor;
                break;
            }
        }
        if (mode == EmitMode.Mapped)
        {
            if (declarativeBase is null || !SymbolEqualityComparer.Default.Equals(declarativeBase.ContainingAssembly, context.SemanticModel.Compilation.Assembly))
            {
                diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NoDeclarativeBase, classLocation, name));
                mode = EmitMode.PlainProperties;
            }
            else
            {
                registry = Symbols.RegistryFullName(declarativeBase);
                registryField = RegistryField(type, declarativeBase);
            }
        }

        var canInstantiate = true;
        if (InstantiationProblem(type) is { } instantiation)
        {
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NoParameterlessConstructor, classLocation, name, instantiation));
            canInstantiate = false;
        }

        var properties = ParseProperties(type, context.SemanticModel.Compilation, mode == EmitMode.Mapped ? declarativeBase : null, diagnostics, cancellationToken);
        // A class deriving from a mapped one inherits its key; that it may not derive from it was said already.
        if (!properties.Columns.Any(c => c.PrimaryKey) && !diagnostics.Any(d => d.Descriptor == Diagnostics.MappedInheritance))
            diagnostics.Add(DiagnosticInfo.Create(Diagnostics.NoPrimaryKey, classLocation, name));

        var model = new EntityModel(
            Symbols.Namespace(type),
            Symbols.ContainingTypeModels(type),
            name,
            Symbols.FullName(type),
            Symbols.HintName(type),
            mode,
            tableName,
            eagerDefaults,
            registry,
            registryField,
            canInstantiate,
            mode == EmitMode.Mapped && !DeclaresToString(type),
            new(properties.Columns),
            new(properties.Relationships),
            new(properties.Plain));
        var checks = new EntityChecks(name, model.FullName, tableName, registry, classLocation, new(properties.ForeignKeys), new(properties.RelationshipChecks));
        return new(model, new(diagnostics), checks);

        static EntityResult Failed(DiagnosticInfo diagnostic) => new(null, new([diagnostic]), null);
    }

    /// <summary>Why generated code could not declare a part of the class, or null when it can.</summary>
    internal static string? ShapeProblem(INamedTypeSymbol type)
    {
        if (type.IsRecord || type.TypeKind != TypeKind.Class)
            return "only classes can be mapped, not records or structs (a record's generated equality would read every property, loaded or not)";
        if (Symbols.IsGenericOrInGeneric(type))
            return "generic classes, and classes nested in generic types, cannot be mapped";
        return null;
    }

    /// <summary>
    /// Whether the class or a class it derives from (short of object) implements <c>ToString()</c>: the user's wins over
    /// the generated one, and one written on the declarative base is meant for all its entities. An abstract one is not an
    /// implementation, so the generated one fills it.
    /// </summary>
    private static bool DeclaresToString(INamedTypeSymbol type)
    {
        for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
        {
            if (t.GetMembers("ToString").Any(m => m is IMethodSymbol { Parameters.Length: 0, IsStatic: false, IsAbstract: false, MethodKind: MethodKind.Ordinary }))
                return true;
        }
        return false;
    }

    /// <summary>Why <c>new T()</c> would not compile in the generated factory, or null when it would.</summary>
    private static string? InstantiationProblem(INamedTypeSymbol type)
    {
        if (type.IsAbstract)
            return "it is abstract; only its declarative base is";
        var constructor = type.InstanceConstructors.FirstOrDefault(c => c.Parameters.All(p => p.IsOptional || p.IsParams));
        if (constructor is null)
            return $"it has no parameterless constructor; add one (it may be private), e.g. 'private {type.Name}() {{ }}'";
        var setsRequired = constructor.GetAttributes().Any(a => Symbols.Is(a, "System.Diagnostics.CodeAnalysis.SetsRequiredMembersAttribute"));
        if (!setsRequired && HasRequiredMembers(type))
            return "it has required members, which 'new " + type.Name + "()' does not set; mark its parameterless constructor [SetsRequiredMembers]";
        return null;
    }

    private static bool HasRequiredMembers(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.GetMembers().Any(m => m is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true }))
                return true;
        }
        return false;
    }

    /// <summary>
    /// The name of the entity's mapper in its base's registry: its simple name beside the base, else its name qualified
    /// past the base's namespace, with underscores.
    /// </summary>
    private static string RegistryField(INamedTypeSymbol type, INamedTypeSymbol declarativeBase)
    {
        var field = Symbols.Namespace(type) == Symbols.Namespace(declarativeBase) && type.ContainingType is null
            ? type.Name
            : Symbols.FullName(type).Substring("global::".Length).Replace('.', '_');
        return field == "MetaData" ? field + "_" : field;
    }

    private static HashSet<string> ReservedNames(INamedTypeSymbol type)
    {
        var names = new HashSet<string>(GeneratedMembers);
        for (var t = type; t is not null; t = t.BaseType)
            names.UnionWith(t.MemberNames);
        return names;
    }

    private static string UniqueField(string property, HashSet<string> taken)
    {
        var field = Naming.Field(property);
        while (!taken.Add(field))
            field += "_";
        return field;
    }
}
