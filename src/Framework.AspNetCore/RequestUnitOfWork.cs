using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Framework.AspNetCore;

/// <summary>
/// One request's unit of work: decides, once, whether the request's sessions commit or roll back, at the last moment
/// before the response starts (or when the endpoint returns without starting it). Once a session is made, the response
/// body is routed through <see cref="UnitOfWorkResponseBody"/>, which holds the response's start until the decision is
/// made; a commit that fails makes the body discard what the endpoint writes, so that the middleware can answer with a
/// problem instead of a 2xx.
/// </summary>
internal sealed class RequestUnitOfWork(HttpContext context, SessionScope scope, UnitOfWorkOptions options, ILogger logger)
{
    private UnitOfWorkResponseBody? _body;
    private bool _decided;

    public HttpContext HttpContext { get; } = context;

    public SessionScope Scope { get; } = scope;

    /// <summary>The exception of a commit that failed; the response must become a problem.</summary>
    public Exception? CommitFailure { get; private set; }

    /// <summary>Called when the request's first session is made: from now on the response's start waits for the decision.</summary>
    public void SessionCreated()
    {
        if (_body is not null || _decided || HttpContext.Response.HasStarted)
            return;
        var inner = HttpContext.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        _body = new UnitOfWorkResponseBody(inner, this);
        HttpContext.Features.Set<IHttpResponseBodyFeature>(_body);
    }

    /// <summary>
    /// Commits or rolls back once, from the response's status (an endpoint that opted out does neither). Never throws: a
    /// failed commit is kept in <see cref="CommitFailure"/> after the sessions were rolled back.
    /// </summary>
    public async ValueTask Decide(bool async)
    {
        if (_decided)
            return;
        _decided = true;
        if (Scope.Sessions.Count == 0)
            return;
        var endpoint = HttpContext.GetEndpoint();
        if (Scope.JudgeStatements() is { } excess)
        {
            // Answered like a failed commit: the response becomes the problem, and the request's work is not kept.
            if (endpoint?.Metadata.GetMetadata<NoAutoCommitAttribute>() is null)
                await RollBack(async, "the request ran too many statements").ConfigureAwait(false);
            CommitFailure = excess;
            return;
        }
        if (endpoint?.Metadata.GetMetadata<NoAutoCommitAttribute>() is not null)
        {
            Log.AutoCommitSkipped(logger, endpoint.DisplayName);
            return;
        }
        var status = HttpContext.Response.StatusCode;
        if (!options.Commits(status))
        {
            await RollBack(async, $"the endpoint completed with status {status}").ConfigureAwait(false);
            return;
        }
        try
        {
            // Not the request's token, neither passed nor as the sessions' default: once the endpoint has run, its work is
            // committed or rolled back whole, even if the client went away meanwhile.
            await Scope.CommitAll(async, CancellationToken.None, ignoreDefaultCancellation: true).ConfigureAwait(false);
            Log.Committed(logger, status);
        }
        catch (Exception e)
        {
            CommitFailure = e;
            Log.CommitFailed(logger, e, status);
        }
    }

    /// <summary>Rolls back after the endpoint threw, unless the decision was already made.</summary>
    public async ValueTask RollBackAfter(Exception exception)
    {
        if (_decided)
            return;
        _decided = true;
        if (Scope.Sessions.Count == 0 || HttpContext.GetEndpoint()?.Metadata.GetMetadata<NoAutoCommitAttribute>() is not null)
            return;
        await RollBack(async: true, $"the endpoint threw {exception.GetType().Name}").ConfigureAwait(false);
    }

    private async ValueTask RollBack(bool async, string reason)
    {
        try
        {
            await Scope.RollbackAll(async).ConfigureAwait(false);
            Log.RolledBack(logger, reason);
        }
        catch (Exception e)
        {
            // The sessions are closed at the end of the request anyway, which returns their connections clean.
            Log.RollbackFailed(logger, e, reason);
        }
    }

    /// <summary>Puts the server's body feature back, dropping whatever the body writer still holds.</summary>
    public void DetachBody()
    {
        if (_body is { } body)
        {
            body.DropHeld();
            HttpContext.Features.Set(body.Inner);
            _body = null;
        }
    }

    /// <summary>
    /// After the endpoint returned: makes the decision if nothing started the response, flushes what the body holds, and
    /// puts the server's body feature back. Returns the commit failure to answer with, if any.
    /// </summary>
    public async ValueTask<ExceptionDispatchInfo?> Finish()
    {
        if (_body is { } body)
        {
            await body.Finish().ConfigureAwait(false);
            DetachBody();
        }
        await Decide(async: true).ConfigureAwait(false);
        if (Scope.AnyInTransaction() && HttpContext.GetEndpoint()?.Metadata.GetMetadata<NoAutoCommitAttribute>() is null)
        {
            // Work begun after the decision (a streamed endpoint that wrote once its response had started) is not committed.
            Log.LateWorkRolledBack(logger);
            await RollBack(async: true, "its transaction began after the response started").ConfigureAwait(false);
        }
        return CommitFailure is { } failure ? ExceptionDispatchInfo.Capture(failure) : null;
    }
}
