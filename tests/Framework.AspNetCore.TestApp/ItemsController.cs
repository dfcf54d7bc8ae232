using Framework.Orm;
using Microsoft.AspNetCore.Mvc;

namespace Framework.AspNetCore.TestApp;

[ApiController, Route("mvc/items")]
public sealed class ItemsController(AsyncSession session) : ControllerBase
{
    [HttpGet("{id:int}")]
    public async Task<ActionResult<Item>> Get(int id) => await session.GetAsync<Item>(id) is { } item ? item : NotFound();

    [HttpPost]
    public async Task<ActionResult<Item>> Post(NewItem body)
    {
        var item = new Item { Name = body.Name };
        session.Add(item);
        await session.FlushAsync();
        return CreatedAtAction(nameof(Get), new { id = item.Id }, item);
    }

    [HttpPost("conflict")]
    public async Task<IActionResult> PostThenConflict(NewItem body)
    {
        session.Add(new Item { Name = body.Name });
        await session.FlushAsync();
        return Conflict();
    }

    [HttpPost("manual"), NoAutoCommit]
    public async Task<IActionResult> Manual(NewItem body)
    {
        session.Add(new Item { Name = body.Name });
        await session.FlushAsync();
        return Ok();
    }
}
