using Npgsql;

namespace Framework.Benchmarks.Orm;

/// <summary>
/// <c>bench_parent (id serial primary key, name text)</c> and <c>bench_child (id serial primary key, parent_id int
/// references bench_parent, name text)</c>, with an index on <c>parent_id</c>: what the relationship benchmarks read
/// and write.
/// </summary>
/// <remarks>
/// The load benchmarks fill the tables with <see cref="LoadParents"/> parents of <see cref="ChildrenPerParent"/> children
/// each in their [GlobalSetup]; the flush benchmarks empty them before each call. Autovacuum is off for both, so that no
/// VACUUM or ANALYZE of the server's own lands in a measured call.
/// </remarks>
public static class RelationshipTables
{
    public const string Parent = "bench_parent";

    public const string Child = "bench_child";

    public const int LoadParents = 100;

    public const int ChildrenPerParent = 10;

    private static readonly string[] Create =
    [
        $"CREATE TABLE IF NOT EXISTS {Parent} (id serial PRIMARY KEY, name text NOT NULL) WITH (autovacuum_enabled = false)",
        $"CREATE TABLE IF NOT EXISTS {Child} (id serial PRIMARY KEY, parent_id int NOT NULL REFERENCES {Parent} (id), name text NOT NULL) " +
            "WITH (autovacuum_enabled = false)",
        $"CREATE INDEX IF NOT EXISTS {Child}_parent_id_idx ON {Child} (parent_id)",
    ];

    private const string Empty = $"TRUNCATE {Child}, {Parent} RESTART IDENTITY";

    /// <summary>Creates the tables if they are missing and empties them, restarting both keys at 1.</summary>
    public static async Task EnsureEmptyAsync(NpgsqlDataSource dataSource)
    {
        await using var batch = dataSource.CreateBatch();
        foreach (var statement in Create)
            batch.BatchCommands.Add(new(statement));
        batch.BatchCommands.Add(new(Empty));
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Empty tables, then parents 1 to <see cref="LoadParents"/> (<c>parent i</c>) with children 10(i-1)+1 to 10i
    /// (<c>child j</c>), analyzed.
    /// </summary>
    public static async Task EnsureLoadRowsAsync(NpgsqlDataSource dataSource)
    {
        await EnsureEmptyAsync(dataSource);
        await using (var batch = dataSource.CreateBatch())
        {
            batch.BatchCommands.Add(new($"INSERT INTO {Parent} (name) SELECT 'parent ' || g FROM generate_series(1, {LoadParents}) AS g"));
            batch.BatchCommands.Add(new($"INSERT INTO {Child} (parent_id, name) " +
                $"SELECT (g - 1) / {ChildrenPerParent} + 1, 'child ' || g FROM generate_series(1, {LoadParents * ChildrenPerParent}) AS g"));
            await batch.ExecuteNonQueryAsync();
        }
        // VACUUM cannot run inside the implicit transaction of a batch.
        await using var vacuum = dataSource.CreateCommand($"VACUUM ANALYZE {Parent}, {Child}");
        await vacuum.ExecuteNonQueryAsync();
    }

    /// <summary>Empties both tables between calls, outside the measured time.</summary>
    public static void Truncate(NpgsqlDataSource dataSource)
    {
        using var command = dataSource.CreateCommand(Empty);
        command.ExecuteNonQuery();
    }

    /// <summary>Every child as (parent id, parent name, child name), by child id, and the number of parents: what the setup checks compare.</summary>
    public static async Task<(Dictionary<int, (int ParentId, string Parent, string Child)> Children, long Parents)> ReadAsync(NpgsqlDataSource dataSource)
    {
        var children = new Dictionary<int, (int, string, string)>();
        await using (var command = dataSource.CreateCommand($"SELECT c.id, c.parent_id, p.name, c.name FROM {Child} c JOIN {Parent} p ON p.id = c.parent_id"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                children.Add(reader.GetInt32(0), (reader.GetInt32(1), reader.GetString(2), reader.GetString(3)));
        }
        await using var count = dataSource.CreateCommand($"SELECT count(*) FROM {Parent}");
        return (children, (long)(await count.ExecuteScalarAsync())!);
    }
}
