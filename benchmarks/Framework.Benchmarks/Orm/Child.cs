using Framework.Orm;

namespace Framework.Benchmarks.Orm;

/// <summary>A row of <c>bench_child</c> as a Framework entity: the many-to-one side of <see cref="Parent.Children"/>.</summary>
[Table(RelationshipTables.Child)]
public partial class Child : BenchBase
{
    [PrimaryKey] public partial int Id { get; set; }

    [ForeignKey(RelationshipTables.Parent + ".id")] public partial int ParentId { get; set; }

    public partial string Name { get; set; }

    [Relationship(BackPopulates = "Children")] public partial Parent? Parent { get; set; }
}
