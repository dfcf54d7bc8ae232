using Framework;
using Framework.Sql;
using static Framework.Engines;
using static Framework.Sql.Expressions;

namespace Synopsis;

/// <summary>SYNOPSIS.md, "Core", as written there (the engine URL comes from the command line).</summary>
internal static class CoreSection
{
    public static async Task RunAsync(string url)
    {
        var meta = new MetaData();
        var t1 = new Table("t1", meta,
            new Column<int>("id", primaryKey: true),
            new Column<string>("name"));

        await using var engine = CreateAsyncEngine(url, new() { Echo = true });

        // engine.begin(): commits when the callback completes, rolls back if it throws.
        await engine.BeginAsync(async conn =>
        {
            await conn.RunSyncAsync(meta.DropAll);
            await conn.RunSyncAsync(meta.CreateAll);
            await conn.ExecuteAsync(t1.Insert(), [new { name = "some name 1" }, new { name = "some name 2" }]);
        });

        await using (var conn = await engine.ConnectAsync())
        {
            // a buffered Result
            var result = await conn.ExecuteAsync(Select(t1).Where(t1.C["name"] == "some name 1"));
            Console.WriteLine(string.Join(", ", result.FetchAll()));          // (1, some name 1)
        }

        await using (var conn = await engine.ConnectAsync())
        {
            // a streaming AsyncResult over an open cursor
            await using var asyncResult = await conn.StreamAsync(Select(t1));
            await foreach (var row in asyncResult)
                Console.WriteLine($"row: {row}");
        }
        // `await using` disposes the engine: pooled connections are closed inside an awaitable context.

        // Also: the handle form of a transaction; disposing it uncommitted rolls it back.
        await using (var conn = await engine.ConnectAsync())
        {
            await using (var tx = await conn.BeginAsync())
            {
                await conn.ExecuteAsync(t1.Insert().Values(new { name = "rolled back" }));
            }
            Console.WriteLine($"rows after rollback: {(await conn.ExecuteAsync(Select(t1))).All().Count}");
        }
    }
}
