namespace Framework.Orm;

/// <summary>
/// Marks an abstract partial class as the base of mapped entities (SQLAlchemy's <c>DeclarativeBase</c>): the source
/// generator gives it a static <c>MetaData</c> holding the table of every <see cref="TableAttribute"/> class deriving from it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DeclarativeBaseAttribute : Attribute;
