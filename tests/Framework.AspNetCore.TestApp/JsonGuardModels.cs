using Framework.Orm;

namespace Framework.AspNetCore.TestApp;

// A back-populated pair for the JSON guard's tests: Publisher.Magazines and Magazine.Publisher.
[Table("jg_publishers")]
public partial class Publisher : Base
{
    [PrimaryKey] public partial int Id { get; set; }
    public partial string Name { get; set; }
    [Relationship(BackPopulates = "Publisher", OrderBy = "id")] public partial IList<Magazine> Magazines { get; set; }
}

[Table("jg_magazines")]
public partial class Magazine : Base
{
    [PrimaryKey] public partial int Id { get; set; }
    [ForeignKey("jg_publishers.id")] public partial int? PublisherId { get; set; }
    public partial string Title { get; set; }
    [Relationship(BackPopulates = "Magazines")] public partial Publisher? Publisher { get; set; }
}

public sealed record JsonGuardSeed(int AuthorId, int OtherAuthorId, int PublisherId);

// Columns the JSON guard must not read unloaded: Body is deferred (left out of the SELECT unless undeferred), and the
// endpoints expire Title.
[Table("jg_documents")]
public partial class Document : Base
{
    [PrimaryKey] public partial int Id { get; set; }
    public partial string Title { get; set; }
    public partial int Pages { get; set; }
    [Deferred] public partial string Body { get; set; }
}
