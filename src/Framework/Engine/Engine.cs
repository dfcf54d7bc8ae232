using Framework.Diagnostics;
using Framework.Sql;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Framework;

/// <summary>
/// A database engine, synchronous face: a dialect, a driver and a pool of connections. Create one per database
/// and application (it is thread-safe) with <see cref="Engines.CreateEngine"/>; dispose it at shutdown.
/// </summary>
public sealed class Engine : IDisposable, IAsyncDisposable
{
    private readonly AsyncEngine _asyncFace;
    private readonly PoolSettings _poolSettings;
    private volatile Pool _pool;

    internal Engine(Url url, EngineOptions options, Driver driver)
    {
        Url = url;
        Options = options with { }; // a copy: the options are settable, and the engine must not change under its caller
        Driver = driver;
        Name = options.Name ?? url.ToString();
        var loggerFactory = options.LoggerFactory ?? (options.Echo || options.EchoPool ? ConsoleEchoLoggerFactory.Instance : NullLoggerFactory.Instance);
        Logger = loggerFactory.CreateLogger(Log.EngineCategory);
        EchoLevel = options.Echo ? LogLevel.Information : LogLevel.Debug;
        _poolSettings = new PoolSettings(Name, Events, AllEvents, loggerFactory.CreateLogger(Log.PoolCategory), options.EchoPool,
            options.PoolRecycle, options.PoolPrePing, PoolMetrics.Instance);
        Telemetry = new DatabaseTarget(driver.System, driver.Database, driver.ServerAddress, driver.ServerPort, driver.ErrorCode);
        _pool = CreatePool();
        _asyncFace = new AsyncEngine(this);
    }

    private Pool CreatePool() => (Options.PoolClass ?? Driver.DefaultPoolClass) switch
    {
        PoolClass.Null => new NullPool(Driver, _poolSettings),
        PoolClass.Static => new StaticPool(Driver, _poolSettings, Options.PoolTimeout),
        _ => new QueuePool(Driver, _poolSettings, Options.PoolSize, Options.MaxOverflow, Options.PoolTimeout, Options.PoolUseLifo),
    };

    /// <summary>Events of every engine: a handler added here runs for all of them (SQLAlchemy's <c>event.listen(Engine, ...)</c>).</summary>
    public static EngineEvents AllEvents { get; } = new();

    /// <summary>Events of this engine and its pool.</summary>
    public EngineEvents Events { get; } = new();

    /// <summary>The URL this engine connects to.</summary>
    public Url Url { get; }

    /// <summary>The options it was created with.</summary>
    public EngineOptions Options { get; }

    /// <summary>The engine's name in logs and metrics (the URL without its password, unless named).</summary>
    public string Name { get; }

    /// <summary>The database's dialect.</summary>
    public Dialect Dialect => Driver.Dialect;

    /// <summary>The connection pool (a new one after <see cref="DisposePool"/>).</summary>
    public Pool Pool => _pool;

    internal Driver Driver { get; }

    /// <summary>What this engine's spans and measurements say about its database.</summary>
    internal DatabaseTarget Telemetry { get; }

    internal ILogger Logger { get; }

    internal LogLevel EchoLevel { get; }

    internal AsyncEngine AsyncFace => _asyncFace;

    /// <summary>Checks a connection out of the pool; dispose it to give it back.</summary>
    public Connection Connect() => SyncPath.Run(Connect(false, default));

    /// <summary>Runs <paramref name="work"/> on a new connection in a transaction: commits when it returns, rolls back if it throws.</summary>
    public void Begin(Action<Connection> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        SyncPath.Run(Begin(false, connection =>
        {
            work(connection);
            return new ValueTask<bool>(true);
        }, default));
    }

    /// <summary>Runs <paramref name="work"/> on a new connection in a transaction and returns its value.</summary>
    public T Begin<T>(Func<Connection, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return SyncPath.Run(Begin(false, connection => new ValueTask<T>(work(connection)), default));
    }

    internal async ValueTask<Connection> Connect(bool async, CancellationToken cancellationToken)
    {
        // An idle connection is taken without waiting, so the pool would not look at the token: it is looked at here.
        cancellationToken.ThrowIfCancellationRequested();
        var (pool, record) = await Checkout(async, cancellationToken).ConfigureAwait(false);
        return new Connection(this, pool, record);
    }

    /// <summary>A connection from the current pool, and that pool: the connection goes back to it even if the engine's pool is replaced meanwhile.</summary>
    internal async ValueTask<(Pool Pool, ConnectionRecord Record)> Checkout(bool async, CancellationToken cancellationToken)
    {
        while (true)
        {
            var pool = _pool;
            try
            {
                return (pool, await pool.Checkout(async, cancellationToken).ConfigureAwait(false));
            }
            catch (ObjectDisposedException) when (!ReferenceEquals(pool, _pool))
            {
                // DisposePool replaced the pool while this checkout waited in it: the new pool serves it.
            }
        }
    }

    /// <summary>
    /// Replaces the pool with a new, empty one of the same configuration, without ending the engine (SQLAlchemy's
    /// <c>engine.dispose()</c>): the old pool's idle connections are closed now, its checked-out ones when they are returned,
    /// and new checkouts open fresh connections. For after a failover or a change of server credentials, or between tests.
    /// <see cref="Dispose"/> remains the engine's end.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The engine was disposed.</exception>
    public void DisposePool()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Interlocked.Exchange(ref _pool, CreatePool()).Dispose();
    }

    private volatile bool _disposed;

    internal async ValueTask<T> Begin<T>(bool async, Func<Connection, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        var connection = await Connect(async, cancellationToken).ConfigureAwait(false);
        try
        {
            return await connection.RunInTransaction(async, nested: false, () => work(connection), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await connection.Close(async).ConfigureAwait(false);
        }
    }

    /// <summary>Closes the pool's idle connections; connections still checked out close when returned.</summary>
    public void Dispose()
    {
        _disposed = true;
        _pool.Dispose();
        Driver.Dispose();
    }

    /// <summary>Closes the pool's idle connections; connections still checked out close when returned.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    /// <inheritdoc />
    public override string ToString() => $"Engine({Name})";
}
