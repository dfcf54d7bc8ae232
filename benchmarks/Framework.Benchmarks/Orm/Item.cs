using Framework.Orm;

namespace Framework.Benchmarks.Orm;

/// <summary>A row of <c>bench_orm_items</c> as a Framework entity: the source generator implements its properties.</summary>
[Table(OrmTable.Name)]
public partial class Item : BenchBase
{
    [PrimaryKey] public partial int Id { get; set; }

    public partial string Name { get; set; }

    public partial int Value { get; set; }
}
