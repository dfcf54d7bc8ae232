using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace Framework.Benchmarks.Orm;

/// <summary>
/// A row of <c>bench_orm_items</c> as a plain class: what raw Npgsql and Dapper read into, and EF Core's entity (mapped
/// by these attributes; the ids are the table's own, never generated).
/// </summary>
[Table(OrmTable.Name)]
public sealed class PlainItem
{
    [Key, Column("id"), DatabaseGenerated(DatabaseGeneratedOption.None)]
    public int Id { get; set; }

    [Column("name")]
    public string Name { get; set; } = "";

    [Column("value")]
    public int Value { get; set; }
}
