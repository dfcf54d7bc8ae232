using static Framework.Sql.Expressions;
using KitDatabase = Framework.Testing.TestDatabase;

namespace Framework.AspNetCore.Tests.Infrastructure;

/// <summary>
/// One database kind the web tests run on; a test class is generic over it, with one sealed subclass per kind. Each
/// database comes from the test kit, fresh and dropped at the end.
/// </summary>
public abstract class WebDatabase
{
    public abstract string Name { get; }

    /// <summary>Creates an empty database of this kind.</summary>
    public abstract Task<KitDatabase> CreateAsync();

    /// <summary>
    /// How many connections other than the asking one the server holds open to the database of <paramref name="engine"/>, or
    /// null where there is no server to ask (a SQLite file).
    /// </summary>
    public virtual Task<long?> OtherServerConnections(AsyncEngine engine) => Task.FromResult<long?>(null);

    public override string ToString() => Name;
}

public sealed class SqliteWebDatabase : WebDatabase
{
    public override string Name => "SQLite";

    public override Task<KitDatabase> CreateAsync() => Task.FromResult(KitDatabase.CreateSqlite());
}

public sealed class PostgresWebDatabase : WebDatabase
{
    public override string Name => "PostgreSQL";

    public override Task<KitDatabase> CreateAsync() => KitDatabase.CreatePostgreSqlAsync();

    // A connection of its own each time: PostgreSQL keeps one snapshot of pg_stat_activity per transaction, so a second read
    // in the same transaction would see the backends of the first.
    public override async Task<long?> OtherServerConnections(AsyncEngine engine)
    {
        await using var connection = await engine.ConnectAsync();
        return await connection.ScalarAsync<long>(Text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"));
    }
}
