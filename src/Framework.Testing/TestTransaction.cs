using Framework.Orm;
using Microsoft.Extensions.DependencyInjection;

namespace Framework.Testing;

/// <summary>
/// One test's transaction on each of the application's engines (see <see cref="RollbackIsolation"/>): every session the
/// application makes meanwhile works in a SAVEPOINT inside it, and <see cref="DisposeAsync"/> rolls it all back. The test
/// reads what the application wrote through <see cref="Connection"/>, inside the same transaction.
/// </summary>
/// <remarks>
/// The application's sessions share the test's connection, one at a time: send the test's requests one after another.
/// A session that begins its transaction while another session's is still open (two requests at once, or background
/// work beside a request) fails with an <see cref="InvalidOperationException"/> that says so.
/// </remarks>
public sealed class TestTransaction : IAsyncDisposable
{
    private readonly RollbackIsolation _isolation;
    private readonly IServiceProvider _services;
    private readonly List<IsolatedConnection> _connections = [];
    private int _disposed;

    private TestTransaction(RollbackIsolation isolation, IServiceProvider services)
    {
        _isolation = isolation;
        _services = services;
    }

    /// <summary>
    /// The connection to the default engine, in the test's transaction: what the application's sessions committed during
    /// the test is visible here. Use it between requests, not while one runs.
    /// </summary>
    /// <exception cref="InvalidOperationException">The application has no default engine.</exception>
    public AsyncConnection Connection => Get(null).Connection;

    /// <summary>The connection to the engine registered under <paramref name="serviceKey"/>, in the test's transaction.</summary>
    /// <exception cref="InvalidOperationException">The application has no engine under that key.</exception>
    public AsyncConnection GetConnection(string serviceKey) => Get(serviceKey ?? throw new ArgumentNullException(nameof(serviceKey))).Connection;

    /// <summary>
    /// A session that joins the test's transaction as the application's sessions do, with the engine's session options:
    /// for arranging rows through the ORM. Its commit releases its SAVEPOINT, so the application's requests see the rows;
    /// dispose it (or commit it) before sending a request.
    /// </summary>
    /// <param name="serviceKey">The engine's key; null for the default engine.</param>
    public AsyncSession CreateSession(string? serviceKey = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var maker = serviceKey is null
            ? _services.GetRequiredService<AsyncSessionMaker>()
            : _services.GetRequiredKeyedService<AsyncSessionMaker>(serviceKey);
        return Get(serviceKey).Join(maker.Options);
    }

    /// <summary>
    /// Rolls back the test's transaction on every engine, which removes every row the application and the test wrote,
    /// and returns the connections to their pools. The application's sessions are made as usual again. Calling it again
    /// does nothing.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _isolation.Ended(this);
        await DisposeFrom(0).ConfigureAwait(false);
    }

    // Every connection is rolled back and returned, also when an earlier one fails to.
    private async ValueTask DisposeFrom(int index)
    {
        if (index == _connections.Count)
            return;
        try
        {
            await _connections[index].DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            await DisposeFrom(index + 1).ConfigureAwait(false);
        }
    }

    internal static async Task<TestTransaction> OpenAsync(RollbackIsolation isolation, IServiceProvider services,
        IReadOnlyList<string?> engineKeys, CancellationToken cancellationToken)
    {
        var transaction = new TestTransaction(isolation, services);
        try
        {
            foreach (var key in engineKeys)
            {
                var engine = key is null ? services.GetRequiredService<AsyncEngine>() : services.GetRequiredKeyedService<AsyncEngine>(key);
                transaction._connections.Add(await IsolatedConnection.OpenAsync(key, engine, cancellationToken).ConfigureAwait(false));
            }
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return transaction;
    }

    private IsolatedConnection Get(string? serviceKey)
    {
        foreach (var connection in _connections)
        {
            if (connection.Key == serviceKey)
                return connection;
        }
        throw new InvalidOperationException(serviceKey is null
            ? "The test transaction has no connection to a default engine: the application registered none with AddAsyncEngine."
            : $"The test transaction has no connection to an engine '{serviceKey}': the application registered none with " +
              $"AddKeyedAsyncEngine(\"{serviceKey}\", ...) before AddRollbackIsolation ran.");
    }
}
