using Framework;
using static Framework.Engines;

namespace Synopsis;

/// <summary>SYNOPSIS.md, "Inspector", as written there (run after the Core section created t1).</summary>
internal static class InspectorSection
{
    public static async Task RunAsync(string url)
    {
        await using var engine = CreateAsyncEngine(url);

        static IReadOnlyList<string> UseInspector(Connection conn)
        {
            var inspector = Inspector.For(conn);
            Console.WriteLine(string.Join(", ", inspector.GetViewNames()));
            return inspector.GetTableNames();
        }

        await using (var conn = await engine.ConnectAsync())
        {
            var tables = await conn.RunSyncAsync(UseInspector);
            Console.WriteLine($"tables: {string.Join(", ", tables)}");
        }

        // Also natively async:
        await using (var conn = await engine.ConnectAsync())
            Console.WriteLine($"t1 columns: {string.Join(", ", (await (await conn.InspectAsync()).GetColumnsAsync("t1")).Select(c => c.Name))}");
    }
}
