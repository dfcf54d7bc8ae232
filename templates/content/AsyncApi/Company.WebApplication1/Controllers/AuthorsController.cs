using System.ComponentModel.DataAnnotations;
using Company.WebApplication1.Entities;
using Company.WebApplication1.Requests;
using Framework.AspNetCore;
using Framework.Orm;
using Microsoft.AspNetCore.Mvc;
using static Framework.Sql.Expressions;

namespace Company.WebApplication1.Controllers;

/// <summary>
/// The /authors routes. Every author they answer comes with its books: the [EagerLoad] policy loads them with the
/// authors (one more SELECT ... WHERE author_id IN (...)), so serializing them sends no query.
/// </summary>
[ApiController, Route("authors"), EagerLoad(typeof(Author), nameof(Author.Books))]
public sealed class AuthorsController(AsyncSession session) : ControllerBase
{
    /// <summary>A page of authors, in the order they were created.</summary>
    [HttpGet]
    public async Task<IReadOnlyList<Author>> List([Range(0, int.MaxValue)] int offset = 0, [Range(1, 100)] int limit = 20) =>
        (await session.ScalarsAsync(Select<Author>().OrderBy(a => a.Id).Offset(offset).Limit(limit))).All();

    /// <summary>An author; a missing one is a 404 problem (GetOneAsync throws NoResultException, which Framework maps).</summary>
    [HttpGet("{id:int}")]
    public async Task<Author> Get(int id) => await session.GetOneAsync<Author>(id);

    [HttpPost]
    public async Task<ActionResult<Author>> Create(AuthorInput input)
    {
        var author = new Author { Name = input.Name, Books = [] };
        session.Add(author);
        await session.FlushAsync(); // the INSERT runs now, so the id is known; the commit follows the action
        return CreatedAtAction(nameof(Get), new { id = author.Id }, author);
    }

    [HttpPut("{id:int}")]
    public async Task<Author> Update(int id, AuthorInput input)
    {
        var author = await session.GetOneAsync<Author>(id);
        author.Name = input.Name; // the UPDATE goes out with the commit
        return author;
    }

    /// <summary>Deletes an author and, by the relationship's cascade, their books (loaded by the policy).</summary>
    [HttpDelete("{id:int}")]
    public async Task<NoContentResult> Delete(int id)
    {
        await session.DeleteAsync(await session.GetOneAsync<Author>(id));
        return NoContent();
    }
}
