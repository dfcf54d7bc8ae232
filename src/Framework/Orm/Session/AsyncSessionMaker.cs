namespace Framework.Orm;

/// <summary>Makes sessions with one configuration (SQLAlchemy's <c>async_sessionmaker</c>).</summary>
public sealed class AsyncSessionMaker
{
    /// <summary>A maker of sessions over <paramref name="engine"/> with <paramref name="options"/> (every session option).</summary>
    public AsyncSessionMaker(AsyncEngine engine, SessionOptions options)
    {
        Engine = engine ?? throw new ArgumentNullException(nameof(engine));
        Options = (options ?? throw new ArgumentNullException(nameof(options))) with { };
    }

    /// <summary>
    /// A maker of sessions bound to <paramref name="connection"/> (SQLAlchemy's <c>sessionmaker(bind=connection)</c>): each
    /// session joins the connection's transaction as <see cref="SessionOptions.JoinTransactionMode"/> says and never closes
    /// the connection. Tests use it to run an application's sessions inside one transaction they roll back at the end.
    /// </summary>
    public AsyncSessionMaker(AsyncConnection connection, SessionOptions options)
    {
        Connection = connection ?? throw new ArgumentNullException(nameof(connection));
        Options = (options ?? throw new ArgumentNullException(nameof(options))) with { };
        Engine = connection.Engine;
    }

    /// <summary>A maker of sessions over <paramref name="engine"/>: the two options SQLAlchemy's examples set, as arguments.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="expireOnCommit">Whether a commit expires every instance (default true).</param>
    /// <param name="autoflush">Whether queries flush pending changes first (default true).</param>
    public AsyncSessionMaker(AsyncEngine engine, bool expireOnCommit = true, bool autoflush = true)
        : this(engine, new SessionOptions { ExpireOnCommit = expireOnCommit, Autoflush = autoflush })
    {
    }

    /// <summary>The engine.</summary>
    public AsyncEngine Engine { get; }

    /// <summary>The options each session gets.</summary>
    public SessionOptions Options { get; }

    /// <summary>The connection every session is bound to, or null when each session checks out its own from <see cref="Engine"/>.</summary>
    public AsyncConnection? Connection { get; }

    /// <summary>A new session: bound to <see cref="Connection"/> when the maker has one, else over <see cref="Engine"/>.</summary>
    public AsyncSession Create() => Connection is { } connection ? new(connection, Options) : new(Engine, Options);

    /// <summary>A new session bound to <paramref name="connection"/>, joining its transaction as <see cref="SessionOptions.JoinTransactionMode"/> says.</summary>
    public AsyncSession Create(AsyncConnection connection) => new(connection, Options);

    /// <summary>Runs <paramref name="work"/> with a new session in a transaction: commits when it completes, rolls back if it throws, closes the session.</summary>
    public async Task BeginAsync(Func<AsyncSession, Task> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var session = Create();
        await using var scope = session.ConfigureAwait(false);
        await session.BeginAsync(() => work(session), cancellationToken).ConfigureAwait(false);
    }
}
