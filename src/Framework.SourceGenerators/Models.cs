namespace Framework.SourceGenerators;

// The pipeline's models: plain values, compared by value, holding no symbol or syntax node, so that an edit which leaves
// what they describe unchanged lets every later step reuse its cached output.

/// <summary>What the generator writes for a [Table] class.</summary>
internal enum EmitMode
{
    /// <summary>The full mapping: instrumented properties, the mapper, IMapped and AwaitableAttrs.</summary>
    Mapped,

    /// <summary>
    /// The class cannot be mapped (a diagnostic says why): its partial properties get plain implementations, so the
    /// only errors the user sees are the generator's own.
    /// </summary>
    PlainProperties,
}

/// <summary>A type that contains the one being generated, written as <c>partial {Keyword} {Name}</c>.</summary>
internal sealed record ContainingType(string Keyword, string Name);

/// <summary>A property accessor of a partial property's declaration: <c>get</c>, <c>set</c> or <c>init</c>, with its modifiers.</summary>
internal sealed record AccessorModel(string Keyword, string Modifiers);

/// <summary>
/// The signature every implementation of a partial property repeats: its modifiers (<c>public</c>, <c>virtual</c>,
/// <c>required</c>...), its type and its accessors; and whether the type is a reference type that is not nullable, whose
/// backing field starts as <c>default!</c>.
/// </summary>
internal sealed record PropertySignature(string Name, string Modifiers, string Type, EquatableArray<AccessorModel> Accessors, bool NonNullableReference);

/// <summary>A foreign key as the attribute gives it.</summary>
internal sealed record ForeignKeyModel(string Target, string? OnDelete, string? OnUpdate, bool Deferrable);

/// <summary>A property mapped to a column.</summary>
internal sealed record ColumnModel(
    PropertySignature Property,
    string Field,
    string ValueType,
    string ColumnName,
    string? SqlType,
    bool PrimaryKey,
    bool? Nullable,
    bool? Autoincrement,
    bool Unique,
    bool Index,
    string? ServerDefault,
    string? DefaultValue,
    ForeignKeyModel? ForeignKey,
    bool Deferred,
    bool Version,
    string Reader);

/// <summary>What a relationship property holds (mirrors the runtime's <c>RelationshipKind</c>).</summary>
internal enum RelationshipKind
{
    /// <summary>One related instance, or null: a mapped class.</summary>
    Reference,

    /// <summary><c>IList&lt;T&gt;</c> or <c>ICollection&lt;T&gt;</c>, held in a <c>RelationshipList&lt;T&gt;</c>.</summary>
    List,

    /// <summary><c>ISet&lt;T&gt;</c>, held in a <c>RelationshipSet&lt;T&gt;</c>.</summary>
    Set,

    /// <summary><c>WriteOnlyCollection&lt;T&gt;</c>: never loaded.</summary>
    WriteOnly,
}

/// <summary>
/// A relationship property: what it holds, the related class (<c>global::</c>-qualified, without <c>?</c>), and the
/// [Relationship] settings as <c>Name = expression</c> initializers of <c>RelationshipOptions</c>, in the order written
/// (none: no attribute, or one that sets nothing the runtime reads).
/// </summary>
internal sealed record RelationshipModel(PropertySignature Property, string Field, RelationshipKind Kind, string Target, EquatableArray<string> Options);

/// <summary>A partial property implemented as a plain field-backed property: one that cannot be mapped.</summary>
internal sealed record PlainPropertyModel(PropertySignature Property, string Field, string? Initializer, string Comment);

/// <summary>
/// Everything the source of one [Table] class is made from; <c>EmitToString</c> is false when the class or a class it
/// derives from declares its own <c>ToString()</c>.
/// </summary>
internal sealed record EntityModel(
    string Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string Name,
    string FullName,
    string HintName,
    EmitMode Mode,
    string TableName,
    bool EagerDefaults,
    string? Registry,
    string RegistryField,
    bool CanInstantiate,
    bool EmitToString,
    EquatableArray<ColumnModel> Columns,
    EquatableArray<RelationshipModel> Relationships,
    EquatableArray<PlainPropertyModel> PlainProperties);

/// <summary>
/// A table as the cross-table checks see it: its name, its base's registry, its entity, its columns' names, and the
/// tables its foreign keys refer to.
/// </summary>
internal sealed record TableShape(string Name, string Registry, string EntityFullName, EquatableArray<string> Columns, EquatableArray<string> ReferencedTables);

/// <summary>What of an entity is checked against every table of the compilation: its own table name, and its foreign keys.</summary>
internal sealed record EntityChecks(
    string Entity,
    string EntityFullName,
    string TableName,
    string? Registry,
    LocationInfo? Location,
    EquatableArray<ForeignKeyReference> ForeignKeys,
    EquatableArray<RelationshipReference> Relationships);

/// <summary>A foreign key to check once every table of the compilation is known.</summary>
internal sealed record ForeignKeyReference(string Entity, string Property, string Target, LocationInfo? Location);

/// <summary>
/// A relationship to check once every table is known: some foreign key must join the two tables, or join the association
/// table (<paramref name="Secondary"/>) to each when the generator sees it.
/// </summary>
internal sealed record RelationshipReference(string Entity, string Property, string TargetFullName, string? Secondary, LocationInfo? Location);

/// <summary>An entity in its declarative base's registry (the class holding the base's MetaData and mappers).</summary>
internal sealed record Registration(string Registry, string EntityFullName, string Field);

/// <summary>
/// What parsing one [Table] class yields: the model to emit and what to check against the other tables (none when
/// nothing can be emitted), and the diagnostics.
/// </summary>
internal sealed record EntityResult(EntityModel? Model, EquatableArray<DiagnosticInfo> Diagnostics, EntityChecks? Checks);

/// <summary>A [DeclarativeBase] class: where its registry goes, and whether its own MetaData property can be added.</summary>
internal sealed record BaseModel(
    string Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string Name,
    string FullName,
    string HintName,
    string Registry,
    string RegistryName,
    bool IsPartial);

/// <summary>What parsing one [DeclarativeBase] class yields.</summary>
internal sealed record BaseResult(BaseModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
