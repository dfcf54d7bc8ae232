using Framework.Orm;

namespace Framework.Benchmarks.Orm;

/// <summary>The declarative base of the ORM benchmarks' entity: the source generator gives it the MetaData of <c>bench_orm_items</c>.</summary>
[DeclarativeBase]
public abstract partial class BenchBase { }
