using Framework.AspNetCore;
using Framework.Orm;
using Microsoft.AspNetCore.Http.HttpResults;
using WebApi.Data;
using WebApi.Paging;
using static Framework.Orm.Loaders;

namespace WebApi.Authors;

public static class AuthorEndpoints
{
    public static RouteGroupBuilder MapAuthors(this IEndpointRouteBuilder routes)
    {
        // An author answers without their books unless the route loads them: the JSON guard leaves out what is not loaded.
        var authors = routes.MapGroup("/authors").WithTags("Authors").JsonGuard(JsonGuardPolicy.Omit);

        authors.MapGet("/", ListAuthors).ProducesValidationProblem();
        authors.MapGet("/{id:int}", GetAuthor)
            .EagerLoad(SelectInLoad<Author>(a => a.Books).SelectInLoad<Book>(b => b.Tags));
        authors.MapPost("/", CreateAuthor).ProducesValidationProblem();
        authors.MapPut("/{id:int}", UpdateAuthor).ProducesValidationProblem();
        authors.MapDelete("/{id:int}", DeleteAuthor);
        return authors;
    }

    /// <summary>Lists authors by id, a page at a time.</summary>
    public static Task<Paged<Author>> ListAuthors([AsParameters] PageQuery page, AsyncSession session) =>
        session.PageAsync(page, (Author a) => a.Id);

    /// <summary>Gets an author with their books and the books' tags.</summary>
    public static async Task<Results<Ok<Author>, NotFound>> GetAuthor(int id, AsyncSession session) =>
        await session.GetAsync<Author>(id) is { } author ? TypedResults.Ok(author) : TypedResults.NotFound();

    /// <summary>Adds an author.</summary>
    public static async Task<Created<Author>> CreateAuthor(AuthorRequest request, AsyncSession session)
    {
        var author = new Author { Name = request.Name };
        session.Add(author);
        await session.FlushAsync();     // the id exists now; the commit comes after the endpoint
        return TypedResults.Created($"/authors/{author.Id}", author);
    }

    /// <summary>Renames an author.</summary>
    public static async Task<Results<Ok<Author>, NotFound>> UpdateAuthor(int id, AuthorRequest request, AsyncSession session)
    {
        if (await session.GetAsync<Author>(id) is not { } author)
            return TypedResults.NotFound();
        author.Name = request.Name;
        return TypedResults.Ok(author);
    }

    /// <summary>Deletes an author and their books (ON DELETE CASCADE).</summary>
    public static async Task<Results<NoContent, NotFound>> DeleteAuthor(int id, AsyncSession session) =>
        await session.DeleteByIdAsync<Author>(id) ? TypedResults.NoContent() : TypedResults.NotFound();
}
