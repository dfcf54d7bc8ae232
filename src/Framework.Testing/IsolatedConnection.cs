using Framework.Orm;

namespace Framework.Testing;

/// <summary>
/// A test transaction's connection to one engine, and the sessions joined to it. Those sessions take turns: the one whose
/// transaction (its SAVEPOINT) is open holds the connection until it commits or rolls back.
/// </summary>
internal sealed class IsolatedConnection : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private AsyncSession? _holder;

    private IsolatedConnection(string? key, AsyncConnection connection, AsyncTransaction transaction)
    {
        Key = key;
        Connection = connection;
        Transaction = transaction;
    }

    public string? Key { get; }

    public AsyncConnection Connection { get; }

    public AsyncTransaction Transaction { get; }

    public static async Task<IsolatedConnection> OpenAsync(string? key, AsyncEngine engine, CancellationToken cancellationToken)
    {
        var connection = await engine.ConnectAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new IsolatedConnection(key, connection, await connection.BeginAsync(cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            await connection.CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A session bound to this connection, in a SAVEPOINT of its own, with <paramref name="options"/> otherwise.</summary>
    public AsyncSession Join(SessionOptions options)
    {
        lock (_gate)
        {
            // Refused before anything is sent, when the overlap is already visible: a session whose transaction is open.
            if (_holder is not null)
                throw Overlap();
        }
        // The isolation level an endpoint asks for cannot apply: the test's transaction began before the request.
        var session = new AsyncSession(Connection, options with { JoinTransactionMode = JoinTransactionMode.CreateSavepoint, ExecutionOptions = null });
        session.Events.AfterBegin += _ => Take(session);
        session.Events.AfterCommit += _ => Leave(session);
        session.Events.AfterRollback += _ => Leave(session);
        return session;
    }

    private void Take(AsyncSession session)
    {
        lock (_gate)
        {
            if (_holder is not null && !ReferenceEquals(_holder, session))
                throw Overlap();
            _holder = session;
        }
    }

    private void Leave(AsyncSession session)
    {
        lock (_gate)
        {
            // A rolled-back inner SAVEPOINT of the session raises AfterRollback too; its own SAVEPOINT may still be open.
            if (ReferenceEquals(_holder, session) && !session.InTransaction)
                _holder = null;
        }
    }

    private InvalidOperationException Overlap() => new(
        "Two sessions used the test's transaction at once" + (Key is null ? "" : $" (engine '{Key}')") + ". Rollback isolation " +
        "(Framework.Testing) runs every session the application makes during a test on one connection, inside the test's " +
        "transaction, and that connection serves one session's transaction at a time: this session would begin its SAVEPOINT " +
        "while another session's is still open, and their commits and rollbacks would undo each other's work. This happens when " +
        "two requests run at once (HttpClient calls sent together, or a request the application sends to itself), or when " +
        "background work or a nested unit of work uses a session while a request's session is in its transaction. Send the " +
        "test's requests one after another, awaiting each response; test concurrent requests without rollback isolation, on a " +
        "database of the test's own (TestDatabase).");

    /// <summary>Rolls the test's transaction back and returns the connection to its pool.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Transaction.RollbackAsync().ConfigureAwait(false);
        }
        finally
        {
            await Connection.CloseAsync().ConfigureAwait(false);
        }
    }
}
