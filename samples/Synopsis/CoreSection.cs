using static Framework.Engines;
using static Framework.Sql.Expressions;

namespace Synopsis;

/// <summary>SYNOPSIS.md, "Core".</summary>
internal static class CoreSection
{
    public static async Task RunAsync(string url)
    {
        await using var engine = CreateAsyncEngine(url, new() { Echo = true });

        // engine.begin(): commits when the callback completes, rolls back if it throws.
        await engine.BeginAsync(async conn =>
        {
            await conn.ExecuteAsync(Text("DROP TABLE IF EXISTS t1"));
            await conn.ExecuteAsync(Text(engine.Dialect.Name == "postgresql"
                ? "CREATE TABLE t1 (id SERIAL PRIMARY KEY, name VARCHAR)"
                : "CREATE TABLE t1 (id INTEGER PRIMARY KEY, name VARCHAR)"));
            await conn.ExecuteAsync(Text("INSERT INTO t1 (name) VALUES (:name)"), [new { name = "some name 1" }, new { name = "some name 2" }]);
        });

        await using (var conn = await engine.ConnectAsync())
        {
            // a buffered Result
            var result = await conn.ExecuteAsync(Text("SELECT t1.id, t1.name FROM t1 WHERE t1.name = :name"), new { name = "some name 1" });
            Console.WriteLine(string.Join(", ", result.FetchAll()));          // (1, some name 1)
        }

        await using (var conn = await engine.ConnectAsync())
        {
            // a streaming AsyncResult over an open cursor
            await using var asyncResult = await conn.StreamAsync(Text("SELECT t1.id, t1.name FROM t1 ORDER BY t1.id"));
            await foreach (var row in asyncResult)
                Console.WriteLine($"row: {row}");
        }

        await using (var conn = await engine.ConnectAsync())
        {
            // the handle form: disposing an uncommitted transaction rolls it back
            await using (var tx = await conn.BeginAsync())
            {
                await conn.ExecuteAsync(Text("INSERT INTO t1 (name) VALUES (:name)"), new { name = "rolled back" });
            }
            Console.WriteLine($"rows after rollback: {await conn.ScalarAsync<long>(Text("SELECT count(*) FROM t1"))}");
            await conn.RollbackAsync();
        }
        // `await using` disposes the engine: pooled connections are closed inside an awaitable context.
    }
}
