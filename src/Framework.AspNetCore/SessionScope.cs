using Framework.Orm;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Framework.AspNetCore;

/// <summary>
/// The sessions of one DI scope (a request, or a background unit of work): one per engine, made on first use through
/// <see cref="IAsyncSessionFactory"/>, closed when the scope ends. It is also the scope object of the registered
/// <see cref="AsyncScopedSession"/>, so <c>scoped.Current</c> is the very session DI injects in that scope.
/// </summary>
internal sealed class SessionScope(IServiceProvider services) : IAsyncDisposable
{
    private static readonly AsyncLocal<SessionScope?> Ambient = new();

    private readonly List<(string? Key, AsyncSession Session)> _sessions = new(1);
    private bool _disposed;

    /// <summary>The request this scope serves, set by the middleware; null for background work.</summary>
    public HttpContext? HttpContext { get; private set; }

    /// <summary>The request's unit of work, which wants to know when the first session is made.</summary>
    public RequestUnitOfWork? Request { get; private set; }

    /// <summary>Cancels the sessions' statements whose calls pass no token: the request's RequestAborted, or the background work's token.</summary>
    public CancellationToken Cancellation { get; set; }

    public IReadOnlyList<(string? Key, AsyncSession Session)> Sessions => _sessions;

    /// <summary>The statements of the request's sessions, counted from its first session on; null for background work or in Off mode.</summary>
    public RequestStatements? Statements { get; private set; }

    private bool _judged;

    public void Attach(RequestUnitOfWork request)
    {
        Request = request;
        HttpContext = request.HttpContext;
        Cancellation = request.HttpContext.RequestAborted;
    }

    public AsyncSession GetOrCreate(string? key)
    {
        foreach (var (existingKey, existing) in _sessions)
        {
            if (existingKey == key)
                return existing;
        }
        ObjectDisposedException.ThrowIf(_disposed, this);
        var endpoint = HttpContext?.GetEndpoint();
        var isolation = endpoint?.Metadata.GetMetadata<TransactionIsolationAttribute>();
        var execution = isolation is null ? null : new ExecutionOptions { IsolationLevel = isolation.Level };
        var session = services.GetRequiredService<IAsyncSessionFactory>().CreateSession(key, execution);
        if (!session.DefaultCancellationToken.CanBeCanceled)
            session.DefaultCancellationToken = Cancellation;
        if (endpoint is not null)
        {
            foreach (var policy in endpoint.Metadata.GetOrderedMetadata<IEagerLoadMetadata>())
                session.AddDefaultLoaderOptions(policy.LoaderOption);
        }
        if (HttpContext is not null && Mode() != QueryBudgetMode.Off)
        {
            var statements = Statements ??= new RequestStatements(services.GetRequiredService<IOptions<QueryBudgetOptions>>().Value.NPlusOneThreshold);
            session.SyncSession.Events.StatementExecuted += statements.Executed;
        }
        _sessions.Add((key, session));
        Request?.SessionCreated();
        return session;
    }

    private QueryBudgetMode Mode() =>
        services.GetRequiredService<IOptions<QueryBudgetOptions>>().Value.Mode
        ?? (services.GetRequiredService<IHostEnvironment>().IsDevelopment() ? QueryBudgetMode.Throw : QueryBudgetMode.Log);

    /// <summary>
    /// Judges the request's statements once, when its endpoint has run: over its budget or an N+1 suspect is logged and
    /// counted, and returned to answer with in Throw mode. Null when all is well (or already judged).
    /// </summary>
    public ExcessiveQueriesException? JudgeStatements()
    {
        if (_judged || Statements is not { } statements || HttpContext is not { } context)
            return null;
        _judged = true;
        var options = services.GetRequiredService<IOptions<QueryBudgetOptions>>().Value;
        var endpoint = context.GetEndpoint();
        var budget = endpoint?.Metadata.GetMetadata<QueryBudgetAttribute>()?.MaxStatements ?? options.DefaultBudget;
        if (statements.Verdict(budget, _sessions.Select(s => s.Session)) is not { } excess)
            return null;
        var route = (endpoint as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText ?? endpoint?.DisplayName;
        var tag = new KeyValuePair<string, object?>("http.route", route);
        if (excess.Budget is { } max && excess.StatementCount > max)
            WebMetrics.QueryBudgetExceeded.Add(1, tag);
        if (excess.Suspects.Count > 0)
            WebMetrics.NPlusOneSuspected.Add(1, tag);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(Log.QueryBudgetCategory);
        Log.ExcessiveQueries(logger, endpoint?.DisplayName, excess.Message);
        return Mode() == QueryBudgetMode.Throw ? excess : null;
    }

    /// <summary>The scope function of the registered <see cref="AsyncScopedSession"/>: an open background scope, else the current request's.</summary>
    public static Func<object?> CurrentFunc(IServiceProvider root)
    {
        var accessor = root.GetRequiredService<IHttpContextAccessor>();
        return () => Ambient.Value ?? accessor.HttpContext?.RequestServices.GetService<SessionScope>();
    }

    /// <summary>Makes this scope the current one of the async flow until the returned value is disposed.</summary>
    public AmbientScope EnterAmbient()
    {
        var previous = Ambient.Value;
        Ambient.Value = this;
        return new AmbientScope(previous);
    }

    public readonly struct AmbientScope(SessionScope? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }

    /// <summary>
    /// Commits every session in the order they were made; when one fails, rolls back the others and throws. With
    /// <paramref name="ignoreDefaultCancellation"/>, only <paramref name="cancellationToken"/> cancels the commit: each
    /// session's default token (a request's RequestAborted) would otherwise cancel the flush inside it, and is put back after.
    /// </summary>
    public async ValueTask CommitAll(bool async, CancellationToken cancellationToken, bool ignoreDefaultCancellation = false)
    {
        for (var i = 0; i < _sessions.Count; i++)
        {
            var session = _sessions[i].Session;
            var defaultCancellation = session.DefaultCancellationToken;
            if (ignoreDefaultCancellation)
                session.DefaultCancellationToken = cancellationToken;
            try
            {
                if (async)
                    await session.CommitAsync(cancellationToken).ConfigureAwait(false);
                else
                    session.SyncSession.Commit();
            }
            catch
            {
                await RollbackAll(async, from: i).ConfigureAwait(false);
                throw;
            }
            finally
            {
                session.DefaultCancellationToken = defaultCancellation;
            }
        }
    }

    /// <summary>Rolls back every session from index <paramref name="from"/> on; a failure to roll back one does not stop the others.</summary>
    public async ValueTask RollbackAll(bool async, int from = 0)
    {
        List<Exception>? failures = null;
        for (var i = from; i < _sessions.Count; i++)
        {
            try
            {
                var session = _sessions[i].Session;
                if (async)
                    await session.RollbackAsync().ConfigureAwait(false);
                else
                    session.SyncSession.Rollback();
            }
            catch (Exception e)
            {
                (failures ??= []).Add(e);
            }
        }
        if (failures is not null)
            throw failures.Count == 1 ? failures[0] : new AggregateException("Rolling back the request's sessions failed.", failures);
    }

    /// <summary>Whether any session of the scope holds changes or a transaction that a commit or rollback would end.</summary>
    public bool AnyInTransaction()
    {
        foreach (var (_, session) in _sessions)
        {
            if (session.InTransaction)
                return true;
        }
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        List<Exception>? failures = null;
        foreach (var (_, session) in _sessions)
        {
            try
            {
                await session.CloseAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                (failures ??= []).Add(e);
            }
        }
        if (failures is not null)
            throw failures.Count == 1 ? failures[0] : new AggregateException("Closing the scope's sessions failed.", failures);
    }
}
