using Microsoft.Extensions.Logging;

namespace Framework.AspNetCore;

/// <summary>
/// Log messages of the ASP.NET Core integration. Category <c>Framework.AspNetCore.UnitOfWork</c>; event ids 2000-2099
/// (Framework's core uses lower ranges per layer).
/// </summary>
internal static partial class Log
{
    public const string UnitOfWorkCategory = "Framework.AspNetCore.UnitOfWork";

    public const string QueryBudgetCategory = "Framework.AspNetCore.QueryBudget";

    [LoggerMessage(2000, LogLevel.Debug, "Committed the request's sessions: the endpoint completed with status {StatusCode}.")]
    public static partial void Committed(ILogger logger, int statusCode);

    [LoggerMessage(2001, LogLevel.Debug, "Rolled back the request's sessions: {Reason}.")]
    public static partial void RolledBack(ILogger logger, string reason);

    [LoggerMessage(2002, LogLevel.Error, "Committing the request's sessions failed (the endpoint completed with status {StatusCode}); the request's work was rolled back and the client gets a problem response instead.")]
    public static partial void CommitFailed(ILogger logger, Exception exception, int statusCode);

    [LoggerMessage(2003, LogLevel.Warning, "Rolling back the request's sessions failed ({Reason}); their connections are closed with the request.")]
    public static partial void RollbackFailed(ILogger logger, Exception exception, string reason);

    [LoggerMessage(2004, LogLevel.Debug, "Neither committed nor rolled back the request's sessions: endpoint '{Endpoint}' manages its own transactions ([NoAutoCommit]).")]
    public static partial void AutoCommitSkipped(ILogger logger, string? endpoint);

    [LoggerMessage(2005, LogLevel.Warning, "The request's session began a transaction after its response had started (a streamed response that wrote to the database); that work is rolled back, not committed. Write before the response starts, or use .WithoutAutoCommit() and commit yourself.")]
    public static partial void LateWorkRolledBack(ILogger logger);

    [LoggerMessage(2010, LogLevel.Warning, "Endpoint '{Endpoint}': {Report}")]
    public static partial void ExcessiveQueries(ILogger logger, string? endpoint, string report);

    public const string JsonGuardCategory = "Framework.AspNetCore.JsonGuard";

    // 2040-2049: the JSON guard.
    [LoggerMessage(2040, LogLevel.Error, "Serializing the response of '{Endpoint}' reached {Entity}.{Attribute}, which is not loaded; nothing of the response was sent and the client got a 500. Fix: {Fix}.")]
    public static partial void JsonGuardRaised(ILogger logger, string endpoint, string entity, string attribute, string fix);
}
