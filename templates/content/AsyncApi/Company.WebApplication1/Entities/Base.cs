using Framework.Orm;

namespace Company.WebApplication1.Entities;

/// <summary>
/// The base of the entities: Framework's source generator maps every [Table] class deriving from it and collects their
/// tables in <c>Base.MetaData</c>.
/// </summary>
[DeclarativeBase]
public abstract partial class Base;
