using Framework.AspNetCore;
using Framework.Orm;

namespace Framework.Testing;

/// <summary>
/// Stands in front of the application's <see cref="IAsyncSessionFactory"/>: while a test transaction is open, sessions
/// join it; otherwise the application's factory makes them.
/// </summary>
internal sealed class IsolatingSessionFactory(IAsyncSessionFactory inner, RollbackIsolation isolation) : IAsyncSessionFactory
{
    public AsyncSession CreateSession(string? serviceKey, ExecutionOptions? executionOptions) =>
        isolation.Current is { } transaction ? transaction.CreateSession(serviceKey) : inner.CreateSession(serviceKey, executionOptions);
}
