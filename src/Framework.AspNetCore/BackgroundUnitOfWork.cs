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
