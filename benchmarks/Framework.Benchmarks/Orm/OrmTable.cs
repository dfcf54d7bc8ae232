using Npgsql;

namespace Framework.Benchmarks.Orm;

/// <summary><c>bench_orm_items</c>, the table every ORM benchmark reads and UpdateBenchmarks writes: ids 1 to <see cref="RowCount"/>.</summary>
public static class OrmTable
{
    public const string Name = "bench_orm_items";

    public const int RowCount = 10_000;

    /// <summary>
    /// Creates the table with its rows if it is missing, then vacuums it. UpdateBenchmarks updates thousands of rows a
    /// second: a fill factor of 50 leaves room on each page for the new row versions (HOT updates, pruned as pages are
    /// read), and autovacuum is off for the table so that no VACUUM or ANALYZE of the server's own lands in a measured
    /// call. The VACUUM here, before each class's measurements, clears what an earlier run left.
    /// </summary>
    public static async Task EnsureAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(BenchDatabase.ConnectionString);
        await using (var batch = dataSource.CreateBatch())
        {
            batch.BatchCommands.Add(new($"CREATE TABLE IF NOT EXISTS {Name} (id int PRIMARY KEY, name text NOT NULL, value int NOT NULL) " +
                "WITH (fillfactor = 50, autovacuum_enabled = false)"));
            batch.BatchCommands.Add(new($"INSERT INTO {Name} (id, name, value) SELECT g, 'item ' || g, g * 10 FROM generate_series(1, $1) AS g " +
                "ON CONFLICT (id) DO NOTHING")
            {
                Parameters = { new NpgsqlParameter { Value = RowCount } },
            });
            await batch.ExecuteNonQueryAsync();
        }
        // VACUUM cannot run inside the implicit transaction of a batch.
        await using var vacuum = dataSource.CreateCommand($"VACUUM ANALYZE {Name}");
        await vacuum.ExecuteNonQueryAsync();
    }

    /// <summary>Every row's value, by id (for the setup checks).</summary>
    public static Task<Dictionary<int, int>> ReadValuesAsync(NpgsqlDataSource dataSource) =>
        BenchDatabase.ReadByIdAsync<int>(dataSource, $"SELECT id, value FROM {Name}");
}
