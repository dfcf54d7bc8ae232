using Framework.Orm;

namespace WebApi.Data;

/// <summary>A tag, such as "fantasy", and the books that carry it.</summary>
[Table("tags")]
public partial class Tag : Base
{
    public const int NameLength = 50;

    [PrimaryKey] public partial int Id { get; set; }

    [Column(Length = NameLength, Unique = true)] public partial string Name { get; set; }

    [Relationship(Secondary = "book_tags", BackPopulates = nameof(Book.Tags), OrderBy = "title")]
    public partial IList<Book> Books { get; set; }
}
