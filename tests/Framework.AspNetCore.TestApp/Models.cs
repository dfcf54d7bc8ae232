using Framework.Orm;

namespace Framework.AspNetCore.TestApp;

[DeclarativeBase]
public abstract partial class Base { }

[Table("items")]
public partial class Item : Base
{
    [PrimaryKey] public partial int Id { get; set; }
    [Column(Unique = true)] public partial string Name { get; set; }
    [ForeignKey("owners.id", Deferrable = true)] public partial int? OwnerId { get; set; }
}

[Table("owners")]
public partial class Owner : Base
{
    [PrimaryKey] public partial int Id { get; set; }
    public partial string Name { get; set; }
}

[Table("authors")]
public partial class Author : Base
{
    [PrimaryKey] public partial int Id { get; set; }
    public partial string Name { get; set; }
    public partial IList<Book> Books { get; set; }
}

[Table("books")]
public partial class Book : Base
{
    [PrimaryKey] public partial int Id { get; set; }
    [ForeignKey("authors.id")] public partial int? AuthorId { get; set; }
    public partial string Title { get; set; }
    [Relationship(BackPopulates = "Book", OrderBy = "id")] public partial IList<Chapter> Chapters { get; set; }
}

// One level below Book, for chained eager loading (Author.Books.Chapters).
[Table("chapters")]
public partial class Chapter : Base
{
    [PrimaryKey] public partial int Id { get; set; }
    [ForeignKey("books.id")] public partial int? BookId { get; set; }
    public partial string Title { get; set; }
    [Relationship(BackPopulates = "Chapters")] public partial Book? Book { get; set; }
}

public sealed record NewItem(string Name, int? OwnerId = null);
