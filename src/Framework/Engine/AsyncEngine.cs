using Framework.Sql;

namespace Framework;

/// <summary>
/// A database engine, asynchronous face (SQLAlchemy's <c>AsyncEngine</c>). One per database and application:
/// a singleton, thread-safe. <c>await using</c> it, or dispose it at shutdown, to close pooled connections.
/// </summary>
public sealed class AsyncEngine : IAsyncDisposable
{
    internal AsyncEngine(Engine engine) => SyncEngine = engine;

    /// <summary>The synchronous face of this same engine (its events live there).</summary>
    public Engine SyncEngine { get; }

    /// <summary>The URL this engine connects to.</summary>
    public Url Url => SyncEngine.Url;

    /// <summary>The database's dialect.</summary>
    public Dialect Dialect => SyncEngine.Dialect;

    /// <summary>The connection pool.</summary>
    public Pool Pool => SyncEngine.Pool;

    /// <summary>Checks a connection out of the pool; <c>await using</c> it to give it back.</summary>
    public async ValueTask<AsyncConnection> ConnectAsync(CancellationToken cancellationToken = default) =>
        (await SyncEngine.Connect(true, cancellationToken).ConfigureAwait(false)).AsyncFace;

    /// <summary>Runs <paramref name="work"/> on a new connection in a transaction: commits when it completes, rolls back if it throws.</summary>
    public async Task BeginAsync(Func<AsyncConnection, Task> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await SyncEngine.Begin(true, async connection =>
        {
            await work(connection.AsyncFace).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="work"/> on a new connection in a transaction and returns its value.</summary>
    public async Task<T> BeginAsync<T>(Func<AsyncConnection, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return await SyncEngine.Begin(true, async connection => await work(connection.AsyncFace).ConfigureAwait(false), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces the pool with a new, empty one of the same configuration, without ending the engine (SQLAlchemy's
    /// <c>engine.dispose()</c>): the old pool's idle connections are closed, its checked-out ones when they are returned,
    /// and new checkouts open fresh connections. <see cref="DisposeAsync"/> remains the engine's end.
    /// </summary>
    public ValueTask DisposePoolAsync()
    {
        SyncEngine.DisposePool();
        return default;
    }

    /// <summary>Closes the pool's idle connections; connections still checked out close when returned.</summary>
    public ValueTask DisposeAsync() => SyncEngine.DisposeAsync();

    /// <inheritdoc />
    public override string ToString() => $"AsyncEngine({SyncEngine.Name})";
}
