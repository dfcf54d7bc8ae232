using Framework.Orm;
using Microsoft.Extensions.DependencyInjection;

namespace Framework.AspNetCore;

/// <summary>One background unit of work: a DI scope and its sessions, current in its async flow until disposed.</summary>
public sealed class UnitOfWorkScope : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;
    private readonly SessionScope _sessions;
    private readonly SessionScope.AmbientScope _ambient;
    private bool _disposed;

    internal UnitOfWorkScope(AsyncServiceScope scope, CancellationToken cancellationToken)
    {
        _scope = scope;
        _sessions = scope.ServiceProvider.GetRequiredService<SessionScope>();
        _sessions.Cancellation = cancellationToken;
        _ambient = _sessions.EnterAmbient();
    }

    /// <summary>The unit of work's services: resolve <see cref="AsyncSession"/> and your own scoped services here.</summary>
    public IServiceProvider Services => _scope.ServiceProvider;

    /// <summary>The unit of work's session over the default engine.</summary>
    public AsyncSession Session => _sessions.GetOrCreate(null);

    /// <summary>Commits every session the unit of work made; when one fails, the others are rolled back and the exception is thrown.</summary>
    public ValueTask CommitAsync(CancellationToken cancellationToken = default) => _sessions.CommitAll(async: true, cancellationToken);

    /// <summary>Rolls back every session the unit of work made.</summary>
    public ValueTask RollbackAsync() => _sessions.RollbackAll(async: true);

    /// <summary>Ends the unit of work: what was not committed is rolled back, the sessions are closed and the scope disposed.</summary>
    public ValueTask DisposeAsync()
    {
        if (_disposed)
            return default;
        _disposed = true;
        // Not an async method: an async method's changes to an AsyncLocal do not reach its caller's flow.
        _ambient.Dispose();
        return _scope.DisposeAsync();
    }
}
