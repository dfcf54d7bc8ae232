namespace Framework.AspNetCore;

/// <summary>
/// The most statements a request of this controller or action may run across its sessions, instead of
/// <see cref="QueryBudgetOptions.DefaultBudget"/>; what happens beyond it is <see cref="QueryBudgetOptions.Mode"/>.
/// Minimal APIs: <c>.QueryBudget(10)</c>.
/// </summary>
/// <param name="maxStatements">The budget (zero or more).</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class QueryBudgetAttribute(int maxStatements) : Attribute
{
    /// <summary>The most statements a request may run.</summary>
    public int MaxStatements { get; } = maxStatements >= 0 ? maxStatements : throw new ArgumentOutOfRangeException(nameof(maxStatements), maxStatements, "A query budget is zero or more statements.");
}
