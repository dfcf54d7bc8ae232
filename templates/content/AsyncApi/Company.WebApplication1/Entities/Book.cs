using Framework.Orm;

namespace Company.WebApplication1.Entities;

/// <summary>A book, written by one author.</summary>
[Table("books")]
public partial class Book : Base
{
    [PrimaryKey] public partial int Id { get; set; }

    [Column(Length = 200)] public partial string Title { get; set; }

    [ForeignKey("authors.id"), Column(Index = true)] public partial int AuthorId { get; set; }

    [Relationship(BackPopulates = "Books")] public partial Author? Author { get; set; }
}
