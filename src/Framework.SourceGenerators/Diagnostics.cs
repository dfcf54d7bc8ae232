using Microsoft.CodeAnalysis;

namespace Framework.SourceGenerators;

/// <summary>
/// The mapping mistakes the generator reports, as compile errors: FWK1101 and up (FWK1xxx is the ORM's range). Each
/// message says what is wrong and what to write instead. A type named in a message comes with its article ("an int",
/// "a string"): <see cref="Articles.With"/> picks it.
/// </summary>
internal static class Diagnostics
{
    private const string Category = "Framework.Mapping";

    public static readonly DiagnosticDescriptor ClassNotPartial = Error("FWK1101",
        "Mapped class is not partial",
        "'{0}' has [Table] but {1} is not partial; declare it 'partial' so the generator can implement its properties");

    public static readonly DiagnosticDescriptor PropertyNotPartial = Error("FWK1102",
        "Mapped property is not partial",
        "'{0}.{1}' has mapping attributes but is not partial; declare it '{2} partial {3} {1} {{ get; set; }}', or remove the attributes to leave it unmapped");

    public static readonly DiagnosticDescriptor NoPrimaryKey = Error("FWK1103",
        "Mapped class has no primary key",
        "'{0}' maps no primary key; mark its key property (or the properties of a composite key) with [PrimaryKey]");

    public static readonly DiagnosticDescriptor UnsupportedType = Error("FWK1104",
        "Property type cannot be mapped",
        "'{0}.{1}' is {2}, which no column can hold; {3}, or make the property non-partial to leave it unmapped");

    public static readonly DiagnosticDescriptor UnknownForeignKeyTarget = Error("FWK1105",
        "Unknown foreign-key target",
        "The foreign key of '{0}.{1}' refers to \"{2}\", but {3}");

    public static readonly DiagnosticDescriptor DuplicateColumn = Error("FWK1106",
        "Duplicate column name",
        "'{0}.{1}' maps to column '{2}' of table '{3}', which '{0}.{4}' maps to already; give one of them another name with [Column(\"name\")]");

    public static readonly DiagnosticDescriptor NoDeclarativeBase = Error("FWK1107",
        "Mapped class has no declarative base",
        "'{0}' has [Table] but does not derive from a [DeclarativeBase] class of this project; derive it from one, e.g. 'partial class {0} : Base' "
        + "with '[DeclarativeBase] public abstract partial class Base {{ }}'");

    public static readonly DiagnosticDescriptor NoParameterlessConstructor = Error("FWK1108",
        "Mapped class cannot be instantiated",
        "'{0}' cannot be instantiated when rows are loaded: {1}");

    public static readonly DiagnosticDescriptor BaseNotAbstractPartial = Error("FWK1109",
        "Declarative base is not abstract partial",
        "'{0}' has [DeclarativeBase] but is not {1}; declare it 'public abstract partial class {0}'");

    public static readonly DiagnosticDescriptor MappedInheritance = Error("FWK1110",
        "Inheritance between mapped classes is not supported",
        "'{0}' derives from '{1}', which is mapped too, and inheritance between [Table] classes is not supported; derive both from the declarative base "
        + "(an abstract class between them without [Table] may hold what they share)");

    public static readonly DiagnosticDescriptor UnsupportedClassShape = Error("FWK1111",
        "Class cannot be mapped",
        "'{0}' cannot be mapped: {1}");

    public static readonly DiagnosticDescriptor InvalidDefault = Error("FWK1112",
        "Default value does not fit the property",
        "The [Default] of '{0}.{1}' is {2}, which {3} property cannot hold; give a value of the property's type");

    public static readonly DiagnosticDescriptor InvalidReferentialAction = Error("FWK1113",
        "Invalid referential action",
        "'{0}' is not a referential action; use one of CASCADE, SET NULL, SET DEFAULT, RESTRICT or NO ACTION");

    public static readonly DiagnosticDescriptor InvalidVersionType = Error("FWK1114",
        "Version counter is not an integer",
        "'{0}.{1}' has [Version] but is {2}; a version counter is an int or a long");

    public static readonly DiagnosticDescriptor DuplicateTable = Error("FWK1115",
        "Duplicate table name",
        "'{0}' maps table '{1}', which '{2}' maps too under the same declarative base; give one of them another name in [Table(\"name\")]");

    public static readonly DiagnosticDescriptor TypeMisfit = Error("FWK1116",
        "Column type does not fit the property",
        "[Column(Type = SqlTypeKind.{0})] does not fit '{1}.{2}', {3}: {4}");

    public static readonly DiagnosticDescriptor NotARelationship = Error("FWK1117",
        "[Relationship] on a property that is not a relationship",
        "'{0}.{1}' has [Relationship] but is {2}; a relationship property is a [Table] class, or IList<T>, ICollection<T>, ISet<T> or WriteOnlyCollection<T> "
        + "of one; change its type, or remove the attribute");

    public static readonly DiagnosticDescriptor ConcreteCollection = Error("FWK1118",
        "Relationship collection of a concrete type",
        "'{0}.{1}' is {2}; declare it {3} instead: the framework supplies an instrumented collection that records adds and removes");

    public static readonly DiagnosticDescriptor WriteOnlySetter = Error("FWK1119",
        "Write-only collection with a setter",
        "'{0}.{1}' is a WriteOnlyCollection<{3}> with a '{2}' accessor; declare it '{{ get; }}': the framework supplies the collection, "
        + "change it with Add and Remove");

    public static readonly DiagnosticDescriptor RelatedClassNotMapped = Error("FWK1120",
        "Related class is not mapped under the same declarative base",
        "'{0}.{1}' relates to '{2}', which is not a [Table] class deriving from '{3}'; give '{2}' [Table(\"name\")] and derive it from '{3}', "
        + "or make the property non-partial to leave it unmapped");

    public static readonly DiagnosticDescriptor UnknownBackPopulates = Error("FWK1121",
        "BackPopulates names no relationship",
        "The BackPopulates of '{0}.{1}' names '{2}', which is not a relationship property of '{3}' ({4}); name the reverse property, or remove BackPopulates");

    public static readonly DiagnosticDescriptor UseListOnCollection = Error("FWK1122",
        "UseList = false on a collection",
        "'{0}.{1}' is {2}, a collection, but [Relationship(UseList = false)] says it holds one instance; "
        + "declare it '{3}? {1}' for a one-to-one, or remove UseList = false");

    public static readonly DiagnosticDescriptor NoJoin = Error("FWK1123",
        "No foreign key joins the related tables",
        "'{0}.{1}' relates table '{2}' to table '{3}', but {4}");

    public static readonly DiagnosticDescriptor WriteOnlyLazyWithoutCollection = Error("FWK1124",
        "Lazy = WriteOnly on a property that is not a WriteOnlyCollection",
        "'{0}.{1}' has [Relationship(Lazy = LazyStrategy.WriteOnly)] but is {2}; declare it 'WriteOnlyCollection<{3}> {1} {{ get; }}', "
        + "or choose another LazyStrategy");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
