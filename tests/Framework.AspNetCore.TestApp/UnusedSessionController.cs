using Framework.Orm;
using Microsoft.AspNetCore.Mvc;

namespace Framework.AspNetCore.TestApp;

/// <summary>Takes the request's session and never sends a statement through it.</summary>
[ApiController, Route("mvc/registration/untouched")]
public sealed class UnusedSessionController(AsyncSession session) : ControllerBase
{
    [HttpGet]
    public string Get() => session.InTransaction ? "in a transaction" : "untouched";
}
