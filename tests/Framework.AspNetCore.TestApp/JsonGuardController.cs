using Framework.Orm;
using Microsoft.AspNetCore.Mvc;

namespace Framework.AspNetCore.TestApp;

[ApiController, Route("jsonguard/mvc/authors/{id:int}")]
public sealed class JsonGuardController(AsyncSession session) : ControllerBase
{
    [HttpGet]
    public async Task<IReadOnlyList<Author>> Get(int id) => await JsonGuardEndpoints.Authors(session, id, loadBooks: false);

    [HttpGet("omit"), JsonGuard(JsonGuardPolicy.Omit)]
    public async Task<IReadOnlyList<Author>> Omit(int id) => await JsonGuardEndpoints.Authors(session, id, loadBooks: false);

    [HttpGet("loaded")]
    public async Task<ActionResult<IReadOnlyList<Author>>> Loaded(int id) => Ok(await JsonGuardEndpoints.Authors(session, id, loadBooks: true));
}
