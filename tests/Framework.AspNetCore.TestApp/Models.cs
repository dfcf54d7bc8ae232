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
}

public sealed record NewItem(string Name, int? OwnerId = null);
