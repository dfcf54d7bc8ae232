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
