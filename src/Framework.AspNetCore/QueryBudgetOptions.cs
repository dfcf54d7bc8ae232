namespace Framework.AspNetCore;

/// <summary>
/// The query budget and the N+1 detector of every request (<see cref="Microsoft.Extensions.Options.IOptions{TOptions}"/>;
/// <c>services.Configure&lt;QueryBudgetOptions&gt;(...)</c>). The statements of all the request's sessions count: queries,
/// relationship loads and flushes.
/// </summary>
public sealed class QueryBudgetOptions
{
    /// <summary>
    /// What a request over budget or with an N+1 suspect gets. Null (the default) means <see cref="QueryBudgetMode.Throw"/>
    /// in the Development environment and <see cref="QueryBudgetMode.Log"/> elsewhere.
    /// </summary>
    public QueryBudgetMode? Mode { get; set; }

    /// <summary>The budget of endpoints without <c>.QueryBudget(n)</c> or <see cref="QueryBudgetAttribute"/>; null (the default) for none.</summary>
    public int? DefaultBudget { get; set; }

    /// <summary>
    /// An N+1 is suspected when one request runs the same statement shape (its cache key) with different values more than
    /// this many times (default 5); zero or less turns the detector off.
    /// </summary>
    public int NPlusOneThreshold { get; set; } = 5;
}
