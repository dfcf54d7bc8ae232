namespace WebApi.Tests.Infrastructure;

// The API's JSON as a client reads it. A relationship the API leaves out reads as null.

public sealed record AuthorJson(int Id, string Name, List<BookJson>? Books);

public sealed record BookJson(int Id, string Title, int? Year, int AuthorId, AuthorJson? Author, List<TagJson>? Tags);

public sealed record TagJson(int Id, string Name, List<BookJson>? Books);

public sealed record PageJson<T>(List<T> Items, int Page, int PageSize, long Total);
