using Framework.Sql;

namespace Framework.Tests.Infrastructure;

/// <summary>
/// The base of the behaviour suites: a database per class, engines disposed after each test, and helpers that
/// run each operation through the async face or the sync face, so one test body covers both modes.
/// </summary>
public abstract class EngineTestBase<TDatabase>(DatabaseFixture<TDatabase> fixture) : IClassFixture<DatabaseFixture<TDatabase>>, IAsyncLifetime
    where TDatabase : TestDatabase, new()
{
    private readonly List<AsyncEngine> _engines = [];

    protected TDatabase Db => fixture.Database;

    protected string DatabaseUrl => fixture.Url;

    protected AsyncEngine CreateEngine(EngineOptions? options = null, string? url = null)
    {
        var engine = Engines.CreateAsyncEngine(url ?? DatabaseUrl, options);
        _engines.Add(engine);
        return engine;
    }

    /// <summary>A table name unique to the calling test, so tests in one class never share rows.</summary>
    protected static string TableName(string prefix = "t") => $"{prefix}_{Guid.NewGuid():N}"[..20];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var engine in _engines)
            await engine.DisposeAsync();
    }

    protected static async Task<AsyncConnection> Connect(AsyncEngine engine, bool async) =>
        async ? await engine.ConnectAsync() : engine.SyncEngine.Connect().AsyncFace;

    protected static async Task<Result> Execute(AsyncConnection connection, bool async, Executable statement, object? parameters = null) =>
        async ? await connection.ExecuteAsync(statement, parameters) : connection.SyncConnection.Execute(statement, parameters);

    protected static async Task<Result> ExecuteMany(AsyncConnection connection, bool async, Executable statement, IReadOnlyList<object> parameters) =>
        async ? await connection.ExecuteAsync(statement, parameters) : connection.SyncConnection.Execute(statement, parameters);

    protected static async Task CreateAll(MetaData meta, AsyncConnection conn, bool async, bool checkFirst = true)
    {
        if (async)
            await meta.CreateAllAsync(conn, checkFirst);
        else
            meta.CreateAll(conn.SyncConnection, checkFirst);
    }

    protected static async Task DropAll(MetaData meta, AsyncConnection conn, bool async)
    {
        if (async)
            await meta.DropAllAsync(conn);
        else
            meta.DropAll(conn.SyncConnection);
    }

    protected static async Task Commit(AsyncConnection connection, bool async)
    {
        if (async)
            await connection.CommitAsync();
        else
            connection.SyncConnection.Commit();
    }

    protected static async Task Rollback(AsyncConnection connection, bool async)
    {
        if (async)
            await connection.RollbackAsync();
        else
            connection.SyncConnection.Rollback();
    }

    protected static async Task Close(AsyncConnection connection, bool async)
    {
        if (async)
            await connection.CloseAsync();
        else
            connection.SyncConnection.Close();
    }

    protected static async Task<AsyncTransaction> Begin(AsyncConnection connection, bool async) =>
        async ? await connection.BeginAsync() : connection.SyncConnection.Begin().AsyncFace;

    protected static async Task<AsyncTransaction> BeginNested(AsyncConnection connection, bool async) =>
        async ? await connection.BeginNestedAsync() : connection.SyncConnection.BeginNested().AsyncFace;

    protected static async Task End(AsyncTransaction transaction, bool async, bool commit)
    {
        if (async)
            await (commit ? transaction.CommitAsync() : transaction.RollbackAsync());
        else if (commit)
            transaction.SyncTransaction.Commit();
        else
            transaction.SyncTransaction.Rollback();
    }

    /// <summary>Creates a table <c>(id auto, name text unique)</c> and returns its name.</summary>
    protected async Task<string> CreateNamesTable(AsyncEngine engine)
    {
        var table = TableName();
        await engine.BeginAsync(async conn =>
            await conn.ExecuteAsync(Expressions.Text($"CREATE TABLE {table} ({Db.AutoId}, name VARCHAR(200) UNIQUE)")));
        return table;
    }

    /// <summary>How many rows <paramref name="table"/> holds, as <paramref name="conn"/> reads it (a plain SELECT).</summary>
    protected static async Task<long> RowCount(AsyncConnection conn, bool async, Table table) =>
        (await Execute(conn, async, Expressions.Select(Func.Count()).SelectFrom(table))).Scalar<long>();

    /// <summary>
    /// Reads the row count of <paramref name="table"/> (an <c>(id, name)</c> table without id 2) through <paramref name="conn"/>,
    /// commits one more row on another connection, and reads it again: what the transaction's reads see of others' commits.
    /// </summary>
    protected static async Task<(long Before, long After)> RowsAroundAnotherCommit(AsyncEngine engine, AsyncConnection conn, bool async, Table table)
    {
        var before = await RowCount(conn, async, table);
        await engine.BeginAsync(async other => await other.ExecuteAsync(table.Insert(), new { id = 2, name = "two" }));
        return (before, await RowCount(conn, async, table));
    }

    protected static async Task<long> Count(AsyncEngine engine, string table)
    {
        await using var conn = await engine.ConnectAsync();
        return await conn.ScalarAsync<long>(Expressions.Text($"SELECT count(*) FROM {table}"));
    }
}
