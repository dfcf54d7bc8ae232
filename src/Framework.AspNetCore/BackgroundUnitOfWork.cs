using Framework.Orm;
using Microsoft.Extensions.DependencyInjection;

namespace Framework.AspNetCore;

/// <summary>
/// Runs work outside a request (a <c>BackgroundService</c>, a queue consumer) as one unit of work, as a request runs:
/// a DI scope of its own, whose sessions (the injected <see cref="AsyncSession"/>, keyed ones, and the registered
/// <see cref="AsyncScopedSession"/>'s current one) are committed when the work completes and rolled back when it throws.
/// </summary>
public sealed class BackgroundUnitOfWork(IServiceScopeFactory scopes)
{
    /// <summary>Runs <paramref name="work"/> with the scope's session; commits when it completes, rolls back if it throws.</summary>
    public Task RunAsync(Func<AsyncSession, CancellationToken, Task> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync<AsyncSession>(work, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> with a service resolved in the unit of work's scope (a repository, a handler, or
    /// <see cref="IServiceProvider"/> itself); commits when it completes, rolls back if it throws.
    /// </summary>
    public async Task RunAsync<TService>(Func<TService, CancellationToken, Task> work, CancellationToken cancellationToken = default)
        where TService : notnull
    {
        ArgumentNullException.ThrowIfNull(work);
        var scope = Begin(cancellationToken);
        await using (scope.ConfigureAwait(false))
        {
            await work(scope.Services.GetRequiredService<TService>(), cancellationToken).ConfigureAwait(false);
            await scope.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Opens a unit of work by hand: its scope is the current one of this async flow (so the registered
    /// <see cref="AsyncScopedSession"/>'s <c>Current</c> is its session) until it is disposed. Call
    /// <see cref="UnitOfWorkScope.CommitAsync"/> at the end; disposing it without a commit rolls back.
    /// </summary>
    public UnitOfWorkScope Begin(CancellationToken cancellationToken = default) => new(scopes.CreateAsyncScope(), cancellationToken);
}

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
