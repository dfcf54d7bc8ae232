using Framework;
using static Framework.Engines;
using static Framework.Sql.Expressions;

namespace Synopsis;

/// <summary>SYNOPSIS.md, "One engine shared by independent flows: no pooling".</summary>
internal static class NullPoolSection
{
    public static async Task RunAsync(string url)
    {
        await using var engine = CreateAsyncEngine(url, new() { PoolClass = PoolClass.Null });
        var flows = Enumerable.Range(1, 3).Select(async i =>
        {
            await using var conn = await engine.ConnectAsync();
            return await conn.ScalarAsync<int>(Text("select :i"), new { i });
        });
        Console.WriteLine($"three flows, three connections: {string.Join(", ", await Task.WhenAll(flows))}; pool: {engine.Pool.Status}");
    }
}
