using System.ComponentModel.DataAnnotations;
using Framework.AspNetCore;
using Framework.Orm;
using Microsoft.AspNetCore.Mvc;
using WebApi.Data;
using WebApi.Paging;

namespace WebApi.Tags;

/// <summary>Tags, as a controller: the eager-load policy and the JSON guard are attributes here.</summary>
[ApiController]
[Route("tags")]
public sealed class TagsController(AsyncSession session) : ControllerBase
{
    /// <summary>Lists tags by name, a page at a time (without their books).</summary>
    [HttpGet]
    [JsonGuard(JsonGuardPolicy.Omit)]
    public Task<Paged<Tag>> List(
        [Range(1, PageQuery.MaxPage)] int page = 1,
        [Range(1, PageQuery.MaxPageSize)] int pageSize = PageQuery.DefaultPageSize) =>
        session.PageAsync(new PageQuery(page, pageSize), (Tag t) => t.Name);

    /// <summary>Gets a tag with its books and their authors.</summary>
    [HttpGet("{id:int}")]
    [EagerLoad(typeof(Tag), "Books.Author")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<Tag>> Get(int id) =>
        await session.GetAsync<Tag>(id) is { } tag ? tag : NotFound();

    /// <summary>Adds a tag; a name that is taken is a 409 problem.</summary>
    [HttpPost]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<ActionResult<Tag>> Create(TagRequest request)
    {
        var tag = new Tag { Name = request.Name };
        session.Add(tag);
        // A taken name fails here (IntegrityException), and Framework answers 409.
        await session.FlushAsync();
        return CreatedAtAction(nameof(Get), new { id = tag.Id }, tag);
    }

    /// <summary>Deletes a tag; its books stay.</summary>
    [HttpDelete("{id:int}")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Delete(int id) => await session.DeleteByIdAsync<Tag>(id) ? NoContent() : NotFound();
}
