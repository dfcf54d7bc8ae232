using Framework.AspNetCore;
using Framework.Orm;
using Microsoft.AspNetCore.Http.HttpResults;
using WebApi.Data;
using WebApi.Paging;
using static Framework.Sql.Expressions;

namespace WebApi.Books;

public static class BookEndpoints
{
    /// <summary>The most statements <c>GET /books</c> may send: the count, the page of books joined to their authors, their tags.</summary>
    public const int ListQueryBudget = 3;

    public static RouteGroupBuilder MapBooks(this IEndpointRouteBuilder routes)
    {
        // Every route answers with books as GET /books/{id} does: with their author (joined: one per book) and their tags.
        var books = routes.MapGroup("/books").WithTags("Books")
            .EagerLoad<Book>(b => b.Author, EagerLoadStrategy.Joined)
            .EagerLoad<Book>(b => b.Tags);

        books.MapGet("/", ListBooks).ProducesValidationProblem().QueryBudget(ListQueryBudget);
        books.MapGet("/{id:int}", GetBook);
        books.MapPost("/", CreateBook);
        books.MapPut("/{id:int}", UpdateBook);
        books.MapDelete("/{id:int}", DeleteBook);
        return books;
    }

    /// <summary>Lists books by id with their authors and tags, a page at a time.</summary>
    public static Task<Paged<Book>> ListBooks([AsParameters] PageQuery page, AsyncSession session) =>
        session.PageAsync(page, (Book b) => b.Id);

    /// <summary>Gets a book with its author and tags.</summary>
    public static async Task<Results<Ok<Book>, NotFound>> GetBook(int id, AsyncSession session) =>
        await session.GetAsync<Book>(id) is { } book ? TypedResults.Ok(book) : TypedResults.NotFound();

    /// <summary>Adds a book by an existing author, with its tags.</summary>
    public static async Task<Results<Created<Book>, ValidationProblem>> CreateBook(BookRequest request, AsyncSession session)
    {
        if (await session.GetAsync<Author>(request.AuthorId) is not { } author)
            return UnknownAuthor(request.AuthorId);
        var book = new Book { Title = request.Title, Year = request.Year, Author = author, Tags = await TagsNamed(request.Tags, session) };
        session.Add(book);
        await session.FlushAsync();     // the id exists now; the commit comes after the endpoint
        return TypedResults.Created($"/books/{book.Id}", book);
    }

    /// <summary>Replaces a book's title, year, author and tags.</summary>
    public static async Task<Results<Ok<Book>, NotFound, ValidationProblem>> UpdateBook(int id, BookRequest request, AsyncSession session)
    {
        if (await session.GetAsync<Book>(id) is not { } book)
            return TypedResults.NotFound();
        if (await session.GetAsync<Author>(request.AuthorId) is not { } author)
            return UnknownAuthor(request.AuthorId);
        book.Title = request.Title;
        book.Year = request.Year;
        book.Author = author;
        book.Tags = await TagsNamed(request.Tags, session);
        await session.FlushAsync();     // new tags get their ids
        return TypedResults.Ok(book);
    }

    /// <summary>Deletes a book; its tags stay.</summary>
    public static async Task<Results<NoContent, NotFound>> DeleteBook(int id, AsyncSession session) =>
        await session.DeleteByIdAsync<Book>(id) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static ValidationProblem UnknownAuthor(int id) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [nameof(BookRequest.AuthorId)] = [$"There is no author with id {id}."] });

    // The tags of these names, in name order: the existing ones in one SELECT, the others new (inserted by the flush).
    private static async Task<List<Tag>> TagsNamed(IReadOnlyList<string>? names, AsyncSession session)
    {
        if (names is not { Count: > 0 })
            return [];
        var wanted = names.Distinct(StringComparer.Ordinal).ToList();
        var existing = (await session.ScalarsAsync(Select<Tag>().Where(t => wanted.Contains(t.Name)))).All();
        var created = wanted.Except(existing.Select(t => t.Name), StringComparer.Ordinal).Select(name => new Tag { Name = name });
        return [.. existing.Concat(created).OrderBy(t => t.Name, StringComparer.Ordinal)];
    }
}
