using Microsoft.Extensions.Options;

namespace Framework.AspNetCore;

/// <summary>
/// Checks each registered engine's URL and options when the host starts (ValidateOnStart), so that a bad configuration
/// stops the host with a message naming the key, instead of failing the first request. The password is never printed:
/// the URL parser's messages redact it. Options are validated whenever they are made, so the engine's factory, which
/// reads them, never sees invalid ones either.
/// </summary>
internal sealed class AsyncEngineOptionsValidator : IValidateOptions<AsyncEngineOptions>
{
    public ValidateOptionsResult Validate(string? name, AsyncEngineOptions options) =>
        Problem(name, options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;

    private static string? Problem(string? name, AsyncEngineOptions options)
    {
        var engine = string.IsNullOrEmpty(name) ? "The database engine" : $"The database engine '{name}'";
        if (options.ConfigurationError is { } error)
            return $"{engine} is misconfigured: {error}";
        var urlKey = options.UrlSource ?? "the URL given to AddAsyncEngine";
        if (string.IsNullOrWhiteSpace(options.Url))
        {
            return $"{engine} has no URL: {urlKey} is empty. Set it to a URL such as postgresql://user:password@host/database or " +
                   "sqlite:///app.db (in configuration, a 'Url' key in the engine's section or a connection string).";
        }
        try
        {
            // Made as the app will make it, without connecting: the driver checks the options after '?' only when it is
            // made, and a URL the parser accepts with a bad one (sslmode=bogus) must not wait for the first request to fail.
            Engines.CreateEngine(options.Url, options.Engine).Dispose();
        }
        catch (ArgumentException e) when (e.ParamName == "url")
        {
            return $"{engine}: {urlKey} is not a usable database URL. {e.Message}";
        }
        catch (ArgumentException e)
        {
            var key = options.SectionPath is { } path ? $"{path}:{e.ParamName}" : $"EngineOptions.{e.ParamName}";
            // The exception's own message ends with the parameter's name and value; the first line says what is allowed.
            var reason = e is ArgumentOutOfRangeException range
                ? $"{range.Message.Split(Environment.NewLine)[0]} (it is {range.ActualValue})"
                : e.Message;
            return $"{engine}: {key} is out of range. {reason}";
        }
        return null;
    }
}

/// <summary>Checks at start that no status code both commits and rolls back.</summary>
internal sealed class UnitOfWorkOptionsValidator : IValidateOptions<UnitOfWorkOptions>
{
    public ValidateOptionsResult Validate(string? name, UnitOfWorkOptions options)
    {
        var both = options.CommitStatusCodes.Intersect(options.RollbackStatusCodes).Order().ToList();
        if (both.Count > 0)
        {
            return ValidateOptionsResult.Fail(
                $"UnitOfWorkOptions: the status code(s) {string.Join(", ", both)} are in both CommitStatusCodes and RollbackStatusCodes. " +
                "A status either commits or rolls back: remove each from one of the two sets.");
        }
        var invalid = options.CommitStatusCodes.Concat(options.RollbackStatusCodes).Where(code => code is < 100 or > 599).Order().ToList();
        if (invalid.Count > 0)
            return ValidateOptionsResult.Fail($"UnitOfWorkOptions: {string.Join(", ", invalid)} is not an HTTP status code (100 to 599).");
        if (options.RetryAfter < TimeSpan.Zero)
            return ValidateOptionsResult.Fail($"UnitOfWorkOptions: RetryAfter is negative ({options.RetryAfter}).");
        return ValidateOptionsResult.Success;
    }
}

/// <summary>Checks at start that the app-wide query budget is not negative.</summary>
internal sealed class QueryBudgetOptionsValidator : IValidateOptions<QueryBudgetOptions>
{
    public ValidateOptionsResult Validate(string? name, QueryBudgetOptions options) =>
        options.DefaultBudget is < 0 and var budget
            ? ValidateOptionsResult.Fail(
                $"QueryBudgetOptions.DefaultBudget is {budget}: a query budget is zero or more statements, or null for no budget.")
            : ValidateOptionsResult.Success;
}
