using Framework.Orm;
using Framework.Sql;

namespace WebApi.Data;

/// <summary>The declarative base of the API's entities: its <c>MetaData</c> holds their tables and <see cref="BookTags"/>.</summary>
[DeclarativeBase]
public abstract partial class Base
{
    /// <summary>
    /// The association table behind <see cref="Book.Tags"/> and <see cref="Tag.Books"/>. Its rows go with the book or the
    /// tag they name (ON DELETE CASCADE), so a DELETE of either is one statement.
    /// </summary>
    public static readonly Table BookTags = new("book_tags", MetaData,
        new Column<int>("book_id", primaryKey: true, foreignKey: new ForeignKey("books.id", onDelete: "CASCADE")),
        new Column<int>("tag_id", primaryKey: true, foreignKey: new ForeignKey("tags.id", onDelete: "CASCADE")));
}
