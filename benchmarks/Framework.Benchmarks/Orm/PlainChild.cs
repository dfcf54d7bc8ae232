using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Framework.Benchmarks.Orm;

/// <summary>A row of <c>bench_child</c> as a plain class: what raw Npgsql assembles, and EF Core's entity.</summary>
[Table(RelationshipTables.Child)]
public sealed class PlainChild
{
    [Key, Column("id"), DatabaseGenerated(DatabaseGeneratedOption.Identity)]
    public int Id { get; set; }

    [Column("parent_id")]
    public int ParentId { get; set; }

    [Column("name")]
    public string Name { get; set; } = "";

    public PlainParent? Parent { get; set; }
}
