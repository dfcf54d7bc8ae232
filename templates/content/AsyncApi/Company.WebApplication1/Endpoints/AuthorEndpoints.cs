using System.ComponentModel.DataAnnotations;
using Company.WebApplication1.Entities;
using Company.WebApplication1.Requests;
using Framework.Orm;
using Microsoft.AspNetCore.Http.HttpResults;
using static Framework.Sql.Expressions;

namespace Company.WebApplication1.Endpoints;

/// <summary>
/// The /authors routes. Every author they answer comes with its books: the group's eager-load policy loads them with
/// the authors (one more SELECT ... WHERE author_id IN (...)), so serializing them sends no query.
/// </summary>
public static class AuthorEndpoints
{
    public static RouteGroupBuilder MapAuthors(this IEndpointRouteBuilder routes)
    {
        var authors = routes.MapGroup("/authors").WithTags("Authors").EagerLoad<Author>(a => a.Books);
        authors.MapGet("/", List);
        authors.MapGet("/{id:int}", Get);
        authors.MapPost("/", Create);
        authors.MapPut("/{id:int}", Update);
        authors.MapDelete("/{id:int}", Delete);
        return authors;
    }

    /// <summary>A page of authors, in the order they were created.</summary>
    public static async Task<IReadOnlyList<Author>> List(AsyncSession session, [Range(0, int.MaxValue)] int offset = 0, [Range(1, 100)] int limit = 20) =>
        (await session.ScalarsAsync(Select<Author>().OrderBy(a => a.Id).Offset(offset).Limit(limit))).All();

    /// <summary>An author; a missing one is a 404 problem (GetOneAsync throws NoResultException, which Framework maps).</summary>
    public static async Task<Author> Get(int id, AsyncSession session) => await session.GetOneAsync<Author>(id);

    public static async Task<Created<Author>> Create(AuthorInput input, AsyncSession session)
    {
        var author = new Author { Name = input.Name, Books = [] };
        session.Add(author);
        await session.FlushAsync(); // the INSERT runs now, so the id is known; the commit follows the endpoint
        return TypedResults.Created($"/authors/{author.Id}", author);
    }

    public static async Task<Author> Update(int id, AuthorInput input, AsyncSession session)
    {
        var author = await session.GetOneAsync<Author>(id);
        author.Name = input.Name; // the UPDATE goes out with the commit
        return author;
    }

    /// <summary>Deletes an author and, by the relationship's cascade, their books (loaded by the group's policy).</summary>
    public static async Task<NoContent> Delete(int id, AsyncSession session)
    {
        await session.DeleteAsync(await session.GetOneAsync<Author>(id));
        return TypedResults.NoContent();
    }
}
