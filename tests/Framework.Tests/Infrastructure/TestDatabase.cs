using Framework.Sql;
using KitDatabase = Framework.Testing.TestDatabase;

namespace Framework.Tests.Infrastructure;

/// <summary>
/// One database kind the behaviour suites run on. Each test class gets a database of its own from the test kit (a fresh
/// SQLite file, or a fresh PostgreSQL database on the shared server), so classes run in parallel without seeing each other.
/// </summary>
public abstract class TestDatabase
{
    public abstract string Name { get; }

    public abstract bool IsPostgres { get; }

    /// <summary>Creates an empty database of this kind; disposing it drops it.</summary>
    public abstract Task<KitDatabase> CreateAsync();

    /// <summary>DDL for an integer primary key the database fills in.</summary>
    public string AutoId => IsPostgres ? "id SERIAL PRIMARY KEY" : "id INTEGER PRIMARY KEY AUTOINCREMENT";

    /// <summary>A statement that keeps the database busy for roughly <paramref name="seconds"/> seconds; cancellable.</summary>
    public TextClause Slow(double seconds) => Expressions.Text(IsPostgres
        ? $"SELECT pg_sleep({seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)})"
        : $"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < {(long)(seconds * 3_000_000)}) SELECT max(x) FROM c");

    public override string ToString() => Name;
}

public sealed class SqliteDatabase : TestDatabase
{
    public override string Name => "SQLite";

    public override bool IsPostgres => false;

    public override Task<KitDatabase> CreateAsync() => Task.FromResult(KitDatabase.CreateSqlite());
}

public sealed class PostgresDatabase : TestDatabase
{
    public override string Name => "PostgreSQL";

    public override bool IsPostgres => true;

    public override Task<KitDatabase> CreateAsync() => KitDatabase.CreatePostgreSqlAsync();
}
