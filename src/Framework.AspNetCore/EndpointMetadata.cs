using System.Data;

namespace Framework.AspNetCore;

/// <summary>
/// The endpoint manages its own transactions: the request's session is neither committed nor rolled back by the
/// unit-of-work middleware (closing it at the end of the request still rolls back what the endpoint left open).
/// Minimal APIs: <c>.WithoutAutoCommit()</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class NoAutoCommitAttribute : Attribute
{
}

/// <summary>
/// The isolation level of the request's transactions (every session the request makes). Minimal APIs:
/// <c>.WithIsolationLevel(IsolationLevel.Serializable)</c>.
/// </summary>
/// <param name="level">The isolation level.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class TransactionIsolationAttribute(IsolationLevel level) : Attribute
{
    /// <summary>The isolation level.</summary>
    public IsolationLevel Level { get; } = level;
}
