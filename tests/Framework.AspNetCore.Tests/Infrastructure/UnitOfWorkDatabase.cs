using Framework.Testing;

namespace Framework.AspNetCore.Tests.Infrastructure;

/// <summary>One database kind the unit-of-work tests run on: each test class gets a fresh database of it from the test kit.</summary>
public abstract class UnitOfWorkDatabase
{
    public abstract string Name { get; }

    public abstract bool IsPostgres { get; }

    /// <summary>Creates an empty database of this kind; disposing it drops it.</summary>
    public abstract Task<TestDatabase> CreateAsync();

    public override string ToString() => Name;
}

public sealed class SqliteUnitOfWorkDatabase : UnitOfWorkDatabase
{
    public override string Name => "SQLite";

    public override bool IsPostgres => false;

    public override Task<TestDatabase> CreateAsync() => Task.FromResult(TestDatabase.CreateSqlite());
}

public sealed class PostgresUnitOfWorkDatabase : UnitOfWorkDatabase
{
    public override string Name => "PostgreSQL";

    public override bool IsPostgres => true;

    public override Task<TestDatabase> CreateAsync() => TestDatabase.CreatePostgreSqlAsync();
}
