using Framework.Orm;

namespace Framework.Benchmarks.Orm;

/// <summary>A row of <c>bench_parent</c> as a Framework entity, with its children (the source generator implements it).</summary>
[Table(RelationshipTables.Parent)]
public partial class Parent : BenchBase
{
    [PrimaryKey] public partial int Id { get; set; }

    public partial string Name { get; set; }

    [Relationship(BackPopulates = "Parent")] public partial IList<Child> Children { get; set; }
}
