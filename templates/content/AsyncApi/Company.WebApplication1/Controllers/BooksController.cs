using System.ComponentModel.DataAnnotations;
using Company.WebApplication1.Entities;
using Company.WebApplication1.Requests;
using Framework.AspNetCore;
using Framework.Orm;
using Microsoft.AspNetCore.Mvc;
using static Framework.Sql.Expressions;

namespace Company.WebApplication1.Controllers;

/// <summary>
/// The /books routes. Every book they answer comes with its author, joined into the same SELECT by the [EagerLoad]
/// policy.
/// </summary>
[ApiController, Route("books"), EagerLoad(typeof(Book), nameof(Book.Author), EagerLoadStrategy.Joined)]
public sealed class BooksController(AsyncSession session) : ControllerBase
{
    /// <summary>A page of books, in the order they were created.</summary>
    [HttpGet]
    public async Task<IReadOnlyList<Book>> List([Range(0, int.MaxValue)] int offset = 0, [Range(1, 100)] int limit = 20) =>
        (await session.ScalarsAsync(Select<Book>().OrderBy(b => b.Id).Offset(offset).Limit(limit))).All();

    [HttpGet("{id:int}")]
    public async Task<Book> Get(int id) => await session.GetOneAsync<Book>(id);

    [HttpPost]
    public async Task<ActionResult<Book>> Create(BookInput input)
    {
        if (await session.GetAsync<Author>(input.AuthorId) is not { } author)
            return NoSuchAuthor(input.AuthorId);
        var book = new Book { Title = input.Title, Author = author };
        session.Add(book);
        await session.FlushAsync();
        return CreatedAtAction(nameof(Get), new { id = book.Id }, book);
    }

    [HttpPut("{id:int}")]
    public async Task<ActionResult<Book>> Update(int id, BookInput input)
    {
        var book = await session.GetOneAsync<Book>(id);
        if (await session.GetAsync<Author>(input.AuthorId) is not { } author)
            return NoSuchAuthor(input.AuthorId);
        book.Title = input.Title;
        book.Author = author;
        return book;
    }

    [HttpDelete("{id:int}")]
    public async Task<NoContentResult> Delete(int id)
    {
        await session.DeleteAsync(await session.GetOneAsync<Book>(id));
        return NoContent();
    }

    private ActionResult NoSuchAuthor(int authorId)
    {
        ModelState.AddModelError("authorId", $"There is no author {authorId}.");
        return ValidationProblem(ModelState);
    }
}
