using Framework.Orm;

namespace Company.WebApplication1.Entities;

/// <summary>An author and the books they wrote.</summary>
[Table("authors")]
public partial class Author : Base
{
    [PrimaryKey] public partial int Id { get; set; }

    [Column(Length = 200)] public partial string Name { get; set; }

    /// <summary>Deleting an author deletes their books; a book taken out of the list is deleted too.</summary>
    [Relationship(BackPopulates = "Author", Cascade = "all, delete-orphan", OrderBy = "id")]
    public partial IList<Book> Books { get; set; }
}
