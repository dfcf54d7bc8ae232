using System.ComponentModel.DataAnnotations;
using Company.WebApplication1.Entities;
using Company.WebApplication1.Requests;
using Framework.AspNetCore;
using Framework.Orm;
using Microsoft.AspNetCore.Http.HttpResults;
using static Framework.Sql.Expressions;

namespace Company.WebApplication1.Endpoints;

/// <summary>
/// The /books routes. Every book they answer comes with its author, joined into the same SELECT by the group's
/// eager-load policy.
/// </summary>
public static class BookEndpoints
{
    public static RouteGroupBuilder MapBooks(this IEndpointRouteBuilder routes)
    {
        var books = routes.MapGroup("/books").WithTags("Books").EagerLoad<Book>(b => b.Author, EagerLoadStrategy.Joined);
        books.MapGet("/", List);
        books.MapGet("/{id:int}", Get);
        books.MapPost("/", Create);
        books.MapPut("/{id:int}", Update);
        books.MapDelete("/{id:int}", Delete);
        return books;
    }

    /// <summary>A page of books, in the order they were created.</summary>
    public static async Task<IReadOnlyList<Book>> List(AsyncSession session, [Range(0, int.MaxValue)] int offset = 0, [Range(1, 100)] int limit = 20) =>
        (await session.ScalarsAsync(Select<Book>().OrderBy(b => b.Id).Offset(offset).Limit(limit))).All();

    public static async Task<Book> Get(int id, AsyncSession session) => await session.GetOneAsync<Book>(id);

    public static async Task<Results<Created<Book>, ValidationProblem>> Create(BookInput input, AsyncSession session)
    {
        if (await session.GetAsync<Author>(input.AuthorId) is not { } author)
            return NoSuchAuthor(input.AuthorId);
        var book = new Book { Title = input.Title, Author = author };
        session.Add(book);
        await session.FlushAsync();
        return TypedResults.Created($"/books/{book.Id}", book);
    }

    public static async Task<Results<Ok<Book>, ValidationProblem>> Update(int id, BookInput input, AsyncSession session)
    {
        var book = await session.GetOneAsync<Book>(id);
        if (await session.GetAsync<Author>(input.AuthorId) is not { } author)
            return NoSuchAuthor(input.AuthorId);
        book.Title = input.Title;
        book.Author = author;
        return TypedResults.Ok(book);
    }

    public static async Task<NoContent> Delete(int id, AsyncSession session)
    {
        await session.DeleteAsync(await session.GetOneAsync<Book>(id));
        return TypedResults.NoContent();
    }

    private static ValidationProblem NoSuchAuthor(int authorId) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["authorId"] = [$"There is no author {authorId}."] });
}
