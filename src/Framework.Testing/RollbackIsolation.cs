namespace Framework.Testing;

/// <summary>
/// Per-test isolation by rollback, SQLAlchemy's "joining a session into an external transaction" recipe for a whole
/// application: <see cref="BeginAsync"/> opens a connection and a transaction on each of the application's engines, every
/// session the application makes until the returned <see cref="TestTransaction"/> is disposed joins that transaction in a
/// SAVEPOINT of its own (<c>JoinTransactionMode.CreateSavepoint</c>: its commits release the savepoint, its rollbacks roll
/// back to it), and disposing the test transaction rolls everything back. Registered by
/// <c>services.AddRollbackIsolation()</c>; resolve it from the host's services, or call
/// <see cref="FrameworkWebApplicationFactory{TEntryPoint}.BeginTestTransactionAsync"/>.
/// </summary>
/// <remarks>
/// <para>
/// The isolation is per test, not per host: tests that share one host (an xunit class fixture) each begin a transaction
/// of their own, one after the other, and see neither each other's rows nor leave any behind. One test transaction is
/// open per host at a time.
/// </para>
/// <para>
/// Sessions the application gets through <c>IAsyncSessionFactory</c> join: the request's <c>AsyncSession</c> (keyed ones
/// too), <c>AsyncScopedSession</c>'s, and those of <c>BackgroundUnitOfWork</c>. Connections taken from the engine directly,
/// and sessions made with the <c>AsyncSessionMaker</c> by hand, are not part of the test's transaction.
/// </para>
/// </remarks>
public sealed class RollbackIsolation
{
    private readonly IServiceProvider _services;
    private readonly IReadOnlyList<string?> _engineKeys;
    private TestTransaction? _current;

    internal RollbackIsolation(IServiceProvider services, IReadOnlyList<string?> engineKeys)
    {
        _services = services;
        _engineKeys = engineKeys;
    }

    /// <summary>The test transaction in progress, or null between tests.</summary>
    public TestTransaction? Current => Volatile.Read(ref _current);

    /// <summary>
    /// Opens a connection to each engine the application registered, begins a transaction on each, and makes the
    /// application's sessions join them until the returned test transaction is disposed.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another test transaction is still open on this host.</exception>
    public async Task<TestTransaction> BeginAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfOpen();
        var transaction = await TestTransaction.OpenAsync(this, _services, _engineKeys, cancellationToken).ConfigureAwait(false);
        if (Interlocked.CompareExchange(ref _current, transaction, null) is not null)
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            ThrowIfOpen();
        }
        return transaction;
    }

    /// <summary>Called by the test transaction as it ends: the application's sessions are made as usual again.</summary>
    internal void Ended(TestTransaction transaction) => Interlocked.CompareExchange(ref _current, null, transaction);

    private void ThrowIfOpen()
    {
        if (Current is not null)
        {
            throw new InvalidOperationException(
                "A test transaction is already open on this host. Tests that share a host run one at a time, each in a transaction " +
                "of its own: dispose the previous test's transaction (await using) before the next one begins. Tests that run in " +
                "parallel need hosts of their own (a factory per test class, as xunit's IClassFixture gives).");
        }
    }
}
