using Framework.Sql;
using Npgsql;

namespace Framework.Tests.Infrastructure;

/// <summary>
/// One database kind the behaviour suites run on. Each test class gets a database of its own (a fresh SQLite file,
/// or a fresh PostgreSQL database on the shared server), so classes run in parallel without seeing each other.
/// </summary>
public abstract class TestDatabase
{
    public abstract string Name { get; }

    public abstract bool IsPostgres { get; }

    /// <summary>Creates an empty database and returns its URL.</summary>
    public abstract Task<string> CreateAsync();

    /// <summary>Drops what <see cref="CreateAsync"/> made.</summary>
    public abstract Task DropAsync(string url);

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

    public override Task<string> CreateAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), "framework-tests", $"{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return Task.FromResult("sqlite:///" + path);
    }

    public override Task DropAsync(string url)
    {
        var path = Url.Parse(url).Database!;
        foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" })
            File.Delete(path + suffix);
        return Task.CompletedTask;
    }
}

public sealed class PostgresDatabase : TestDatabase
{
    public override string Name => "PostgreSQL";

    public override bool IsPostgres => true;

    public override async Task<string> CreateAsync()
    {
        var server = Url.Parse(await PostgresTestServer.GetUrlAsync());
        var name = $"fwtest_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(ConnectionString(server, server.Database ?? "postgres")))
        {
            await admin.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await command.ExecuteNonQueryAsync();
        }
        var credentials = server.Username is null ? "" :
            Uri.EscapeDataString(server.Username) + (server.Password is null ? "" : ":" + Uri.EscapeDataString(server.Password)) + "@";
        return $"postgresql://{credentials}{server.Host}:{server.Port ?? 5432}/{name}";
    }

    public override async Task DropAsync(string url)
    {
        var parsed = Url.Parse(url);
        await using var admin = new NpgsqlConnection(ConnectionString(parsed, "postgres"));
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {parsed.Database} WITH (FORCE)", admin);
        await command.ExecuteNonQueryAsync();
    }

    private static string ConnectionString(Url url, string database) => new NpgsqlConnectionStringBuilder
    {
        Host = url.Host,
        Port = url.Port ?? 5432,
        Username = url.Username,
        Password = url.Password,
        Database = database,
        Pooling = false,
    }.ConnectionString;
}
