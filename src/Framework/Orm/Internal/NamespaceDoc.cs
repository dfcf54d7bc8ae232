namespace Framework.Orm.Internal;

/// <summary>
/// The source generator's contract, not API: the types and members that the code generated for <c>[Table]</c> classes
/// calls (an entity's hidden <see cref="EntityState"/>, the typed <see cref="MappedColumn{TEntity, TValue}"/> and
/// <see cref="MappedRelationship{TEntity, TTarget}"/>, and <see cref="Instrumentation"/>, which builds mappers and
/// relationship collections). They are public only because generated code lives in the user's assembly; they are
/// hidden from IntelliSense and may change in any release, together with the generator. Read mapping and state through
/// <see cref="Inspection"/> (<see cref="InstanceState"/>, <see cref="AttributeState"/>, <see cref="EntityMapper"/>).
/// </summary>
internal static class NamespaceDoc;
