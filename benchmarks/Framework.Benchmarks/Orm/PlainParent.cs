using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Framework.Benchmarks.Orm;

/// <summary>
/// A row of <c>bench_parent</c> as a plain class: what raw Npgsql assembles, and EF Core's entity (mapped by these
/// attributes; the id is the table's serial, generated on insert).
/// </summary>
[Table(RelationshipTables.Parent)]
public sealed class PlainParent
{
    [Key, Column("id"), DatabaseGenerated(DatabaseGeneratedOption.Identity)]
    public int Id { get; set; }

    [Column("name")]
    public string Name { get; set; } = "";

    public List<PlainChild> Children { get; set; } = [];
}
