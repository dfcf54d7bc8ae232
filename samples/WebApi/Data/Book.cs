using Framework.Orm;

namespace WebApi.Data;

/// <summary>A book, its one author and its tags.</summary>
[Table("books")]
public partial class Book : Base
{
    public const int TitleLength = 300;

    [PrimaryKey] public partial int Id { get; set; }

    [Column(Length = TitleLength)] public partial string Title { get; set; }

    /// <summary>The year of first publication, when known.</summary>
    public partial int? Year { get; set; }

    // Deleting an author deletes their books, in the database.
    [ForeignKey("authors.id", OnDelete = "CASCADE"), Column(Index = true)] public partial int AuthorId { get; set; }

    [Relationship(BackPopulates = nameof(Data.Author.Books))]
    public partial Author? Author { get; set; }

    [Relationship(Secondary = "book_tags", BackPopulates = nameof(Tag.Books), OrderBy = "name")]
    public partial IList<Tag> Tags { get; set; }
}
