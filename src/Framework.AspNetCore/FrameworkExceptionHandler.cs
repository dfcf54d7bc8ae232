using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Framework.AspNetCore;

/// <summary>
/// Answers Framework's exceptions with problem details (RFC 9457) through <see cref="IProblemDetailsService"/>:
/// <see cref="NoResultException"/> 404, <see cref="IntegrityException"/> and <see cref="StaleDataException"/> 409,
/// <see cref="PoolTimeoutException"/> 503 with <c>Retry-After</c>, <see cref="LazyLoadException"/> 500 naming the
/// attribute and its fix in Development only, <see cref="ExcessiveQueriesException"/> 500 listing the statements in Development only. Other exceptions are left to the next handler. Registered by
/// <c>AddAsyncEngine</c> as an <see cref="IExceptionHandler"/>; remove or precede it to answer differently.
/// </summary>
public sealed class FrameworkExceptionHandler(IOptions<UnitOfWorkOptions> options, IHostEnvironment environment) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        if (httpContext.Response.HasStarted)
            return false;
        var details = IncludesDetails(options.Value, environment);
        var problem = exception switch
        {
            NoResultException => Problem(StatusCodes.Status404NotFound, "Not Found", "The requested row does not exist."),
            IntegrityException => Problem(StatusCodes.Status409Conflict, "Conflict",
                "The change conflicts with data in the database (a unique, foreign key or check constraint); nothing was saved."),
            StaleDataException => Problem(StatusCodes.Status409Conflict, "Conflict",
                "The row was changed or deleted by someone else since it was read; nothing was saved. Read it again and retry."),
            PoolTimeoutException => Problem(StatusCodes.Status503ServiceUnavailable, "Service Unavailable",
                "The database is busy: no connection became free in time. Retry later."),
            LazyLoadException lazy => Problem(StatusCodes.Status500InternalServerError, "Internal Server Error",
                details ? LazyLoadDetail(lazy) : "The server could not produce the response."),
            ExcessiveQueriesException excess => Problem(StatusCodes.Status500InternalServerError, "Internal Server Error",
                details ? excess.Message : "The server could not produce the response."),
            _ => null,
        };
        if (problem is null)
            return false;
        if (details && exception is not (LazyLoadException or ExcessiveQueriesException))
            problem.Extensions["exception"] = exception.Message;
        if (details && exception is ExcessiveQueriesException queries)
            AddStatements(problem, queries);
        if (exception is FrameworkException framework)
            problem.Extensions["code"] = framework.Code;
        if (exception is PoolTimeoutException)
        {
            var seconds = (int)Math.Ceiling(options.Value.RetryAfter.TotalSeconds);
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await WriteAsync(httpContext, problem, exception).ConfigureAwait(false);
    }

    private static bool IncludesDetails(UnitOfWorkOptions options, IHostEnvironment environment) =>
        options.IncludeExceptionDetails ?? environment.IsDevelopment();

    private static void AddStatements(ProblemDetails problem, ExcessiveQueriesException queries)
    {
        problem.Extensions["statementCount"] = queries.StatementCount;
        if (queries.Budget is { } budget)
            problem.Extensions["budget"] = budget;
        problem.Extensions["statements"] = queries.Statements.Select(s => new { sql = s.Sql, count = s.Count }).ToList();
        if (queries.Suspects.Count > 0)
            problem.Extensions["nPlusOne"] = queries.Suspects.Select(s => new { sql = s.Sql, count = s.Count, relationship = s.Relationship, fix = s.Fix }).ToList();
    }

    private static string LazyLoadDetail(LazyLoadException lazy) =>
        lazy.EntityName is { } entity && lazy.AttributeName is { } attribute
            ? $"{entity}.{attribute} was not loaded, and loading it now would be hidden I/O. {lazy.Message}"
            : lazy.Message;

    private static ProblemDetails Problem(int status, string title, string detail) => new()
    {
        Status = status,
        Title = title,
        Detail = detail,
        Type = $"https://tools.ietf.org/html/rfc9110#section-15.{(status >= 500 ? "6" : "5")}.{status % 100 + 1}",
    };

    private static async ValueTask<bool> WriteAsync(HttpContext httpContext, ProblemDetails problem, Exception exception)
    {
        var writer = httpContext.RequestServices.GetService<IProblemDetailsService>();
        if (writer is not null)
        {
            return await writer.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception })
                .ConfigureAwait(false);
        }
        await httpContext.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json").ConfigureAwait(false);
        return true;
    }

    /// <summary>Runs the registered exception handlers in order, as ASP.NET Core's exception handler middleware does.</summary>
    internal static async ValueTask<bool> TryHandleWithRegisteredAsync(HttpContext httpContext, Exception exception)
    {
        foreach (var handler in httpContext.RequestServices.GetServices<IExceptionHandler>())
        {
            if (await handler.TryHandleAsync(httpContext, exception, httpContext.RequestAborted).ConfigureAwait(false))
                return true;
        }
        return false;
    }

    /// <summary>The answer to a failed commit that no handler took: 500, saying that nothing was saved.</summary>
    internal static async Task WriteCommitFailedAsync(HttpContext httpContext, Exception exception)
    {
        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        var problem = Problem(StatusCodes.Status500InternalServerError, "Internal Server Error",
            "The request's changes could not be saved; nothing was saved.");
        if (exception is FrameworkException framework)
            problem.Extensions["code"] = framework.Code;
        var services = httpContext.RequestServices;
        if (IncludesDetails(services.GetRequiredService<IOptions<UnitOfWorkOptions>>().Value, services.GetRequiredService<IHostEnvironment>()))
            problem.Extensions["exception"] = exception.Message;
        await WriteAsync(httpContext, problem, exception).ConfigureAwait(false);
    }
}

/// <summary>
/// In Development, answers Framework's exceptions as <see cref="FrameworkExceptionHandler"/> does (a 404 stays a 404)
/// instead of the developer exception page, which still shows every other exception.
/// </summary>
internal sealed class FrameworkDeveloperPageExceptionFilter : IDeveloperPageExceptionFilter
{
    public async Task HandleExceptionAsync(ErrorContext errorContext, Func<ErrorContext, Task> next)
    {
        if (errorContext.Exception is FrameworkException
            && await FrameworkExceptionHandler.TryHandleWithRegisteredAsync(errorContext.HttpContext, errorContext.Exception).ConfigureAwait(false))
        {
            return;
        }
        await next(errorContext).ConfigureAwait(false);
    }
}
