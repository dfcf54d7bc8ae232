using Framework.Orm;

namespace WebApi.Data;

/// <summary>An author and the books they wrote.</summary>
[Table("authors")]
public partial class Author : Base
{
    public const int NameLength = 200;

    [PrimaryKey] public partial int Id { get; set; }

    [Column(Length = NameLength)] public partial string Name { get; set; }

    [Relationship(BackPopulates = nameof(Book.Author), OrderBy = "title")]
    public partial IList<Book> Books { get; set; }
}
