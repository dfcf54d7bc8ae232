using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Framework.AspNetCore;

/// <summary>
/// Commits each request's sessions when its endpoint completed with a 2xx status (or one of
/// <see cref="UnitOfWorkOptions.CommitStatusCodes"/>), and rolls them back on an exception or any other status, before
/// the first byte of the response is sent. A commit that fails turns the response into a problem (409, 503 or 500),
/// never a 2xx. A request that made no session costs a scoped lookup and nothing else.
/// </summary>
internal sealed class UnitOfWorkMiddleware(RequestDelegate next, IOptions<UnitOfWorkOptions> options, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger(Log.UnitOfWorkCategory);

    public async Task InvokeAsync(HttpContext context)
    {
        var scope = context.RequestServices.GetRequiredService<SessionScope>();
        if (scope.Request is not null)
        {
            // Placed twice (automatically and by UseAsyncSession): the outer one does the work.
            await next(context).ConfigureAwait(false);
            return;
        }
        var unit = new RequestUnitOfWork(context, scope, options.Value, _logger);
        scope.Attach(unit);
        using var logScope = _logger.BeginScope(new RequestStatementsLogScope(scope));
        try
        {
            await Run(context, unit).ConfigureAwait(false);
        }
        finally
        {
            scope.Statements?.Tag(Activity.Current);
        }
    }

    private async Task Run(HttpContext context, RequestUnitOfWork unit)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await unit.RollBackAfter(e).ConfigureAwait(false);
            if (context.Response.HasStarted)
                throw;
            if (e is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
            {
                // The client went away: there is no one to answer, and the work is rolled back.
                context.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
                return;
            }
            Reset(context, unit);
            if (!await FrameworkExceptionHandler.TryHandleWithRegisteredAsync(context, e).ConfigureAwait(false))
                throw;
            return;
        }

        var failure = await unit.Finish().ConfigureAwait(false);
        if (failure is null)
            return;
        if (context.Response.HasStarted)
        {
            // Only when the session was first used after the response had started; the failure is logged.
            return;
        }
        Reset(context, unit);
        if (!await FrameworkExceptionHandler.TryHandleWithRegisteredAsync(context, failure.SourceException).ConfigureAwait(false))
            await FrameworkExceptionHandler.WriteCommitFailedAsync(context, failure.SourceException).ConfigureAwait(false);
    }

    // What the endpoint put in the response (headers, a status, bytes the body writer still holds) gives way to the problem.
    private static void Reset(HttpContext context, RequestUnitOfWork unit)
    {
        unit.DetachBody();
        context.Response.Clear();
    }
}
