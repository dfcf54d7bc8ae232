namespace Framework.AspNetCore;

/// <summary>
/// How each request's sessions are committed or rolled back (<see cref="Microsoft.Extensions.Options.IOptions{TOptions}"/>).
/// A request commits when its endpoint completed with a 2xx status and rolls back on an exception or any other status;
/// <see cref="CommitStatusCodes"/> and <see cref="RollbackStatusCodes"/> move single codes across that line. The two sets
/// must not share a code: the host refuses to start otherwise.
/// </summary>
public sealed class UnitOfWorkOptions
{
    /// <summary>
    /// Whether <c>AddAsyncEngine</c> puts the unit-of-work middleware first in the pipeline by itself (default true). Set
    /// false to place it by hand with <c>app.UseAsyncSession()</c>, after a middleware that must run outside it.
    /// </summary>
    public bool AddMiddlewareAutomatically { get; set; } = true;

    /// <summary>Statuses outside 2xx that commit too (say 302 after a form post, or 404 for an endpoint that records misses).</summary>
    public ISet<int> CommitStatusCodes { get; } = new HashSet<int>();

    /// <summary>Statuses inside 2xx that roll back (say 202 for an endpoint that only queues work elsewhere).</summary>
    public ISet<int> RollbackStatusCodes { get; } = new HashSet<int>();

    /// <summary>The <c>Retry-After</c> of the 503 response that a pool timeout gives (default 1 second).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether problem details carry the exception's message and, for a <see cref="LazyLoadException"/>, the attribute
    /// and its fix. Null (the default) means in the Development environment only.
    /// </summary>
    public bool? IncludeExceptionDetails { get; set; }

    internal bool Commits(int statusCode) =>
        RollbackStatusCodes.Contains(statusCode) ? false : statusCode is >= 200 and < 300 || CommitStatusCodes.Contains(statusCode);
}
