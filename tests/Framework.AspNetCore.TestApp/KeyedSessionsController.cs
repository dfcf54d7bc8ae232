using Framework.Orm;
using Microsoft.AspNetCore.Mvc;

namespace Framework.AspNetCore.TestApp;

/// <summary>Takes the keyed engine's session by constructor injection, beside the default one.</summary>
[ApiController, Route("mvc/registration")]
public sealed class KeyedSessionsController(AsyncSession main, [FromKeyedServices("reports")] AsyncSession reports,
    [FromKeyedServices("reports")] AsyncScopedSession scopedReports) : ControllerBase
{
    [HttpPost("keyed/{status:int}")]
    public async Task<IActionResult> Write(int status, NewItem body) =>
        StatusCode(status, await KeyedReport.WriteBoth(body.Name, main, reports, scopedReports));
}
