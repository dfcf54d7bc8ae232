using Framework.Orm;
using Microsoft.AspNetCore.Mvc;

namespace Framework.AspNetCore.TestApp;

/// <summary>The JSON guard's column cases as controller actions: a deferred column not undeferred, an expired column.</summary>
[ApiController, Route("jsonguard/mvc/documents/{id:int}")]
public sealed class JsonGuardDocumentsController(AsyncSession session) : ControllerBase
{
    [HttpGet("deferred")]
    public async Task<Document> Deferred(int id) => await JsonGuardColumnEndpoints.Deferred(session, id);

    [HttpGet("deferred/omit"), JsonGuard(JsonGuardPolicy.Omit)]
    public async Task<Document> DeferredOmit(int id) => await JsonGuardColumnEndpoints.Deferred(session, id);

    [HttpGet("expired")]
    public async Task<ActionResult<Document>> Expired(int id) => Ok(await JsonGuardColumnEndpoints.Expired(session, id));

    [HttpGet("expired/omit"), JsonGuard(JsonGuardPolicy.Omit)]
    public async Task<ActionResult<Document>> ExpiredOmit(int id) => Ok(await JsonGuardColumnEndpoints.Expired(session, id));
}
