using Npgsql;

namespace Framework.Benchmarks.Core;

/// <summary><c>bench_bulk</c>, the table BulkInsertBenchmarks fills: a serial key the database generates and three values.</summary>
public static class BulkTable
{
    public const string Name = "bench_bulk";

    /// <summary>
    /// Creates the table if it is missing and empties it, restarting its key at 1. Autovacuum is off for it: every
    /// iteration inserts 10,000 rows and truncates them, and an ANALYZE the server starts on its own would land in
    /// whichever side's call came next.
    /// </summary>
    public static async Task EnsureEmptyAsync(NpgsqlDataSource dataSource)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new($"CREATE TABLE IF NOT EXISTS {Name} (id serial PRIMARY KEY, name text NOT NULL, qty int NOT NULL, created timestamptz NOT NULL) " +
            "WITH (autovacuum_enabled = false)"));
        batch.BatchCommands.Add(new($"TRUNCATE {Name} RESTART IDENTITY"));
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>Empties the table between iterations, outside the measured time.</summary>
    public static void Truncate(NpgsqlDataSource dataSource)
    {
        using var command = dataSource.CreateCommand($"TRUNCATE {Name} RESTART IDENTITY");
        command.ExecuteNonQuery();
    }

    /// <summary>Every row's name, by id.</summary>
    public static Task<Dictionary<int, string>> ReadNamesAsync(NpgsqlDataSource dataSource) =>
        BenchDatabase.ReadByIdAsync<string>(dataSource, $"SELECT id, name FROM {Name}");
}
