using Framework.Orm;

namespace Framework.Benchmarks.Http;

/// <summary>The declarative base of the benchmark's one entity: the source generator gives it the MetaData of <c>items</c>.</summary>
[DeclarativeBase]
public abstract partial class HttpBenchBase { }

/// <summary>A row of <c>items</c> as a Framework entity: the source generator implements its properties.</summary>
[Table("items")]
public partial class Item : HttpBenchBase
{
    [PrimaryKey] public partial int Id { get; set; }

    public partial string Name { get; set; }

    [Column(Precision = 10, Scale = 2)] public partial decimal Price { get; set; }

    [Column(Timezone = true)] public partial DateTime Created { get; set; }
}
