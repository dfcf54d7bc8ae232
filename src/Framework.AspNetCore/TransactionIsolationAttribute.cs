using System.Data;

namespace Framework.AspNetCore;

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
