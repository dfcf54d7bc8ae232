using Framework;
using static Framework.Engines;
using static Framework.Sql.Expressions;

namespace Synopsis;

/// <summary>SYNOPSIS.md, "Events": the engine half (the session half arrives with the ORM).</summary>
internal static class EventsSection
{
    public static async Task RunAsync(string url)
    {
        var engine = CreateAsyncEngine(url);

        // connect event on one engine: a new driver connection (a System.Data.Common.DbConnection)
        engine.SyncEngine.Events.Connect += e =>
        {
            Console.WriteLine($"New DBAPI connection: {e.DbConnection}");
            using var cursor = e.DbConnection.CreateCommand();
            cursor.CommandText = "select 'execute from event'";
            Console.WriteLine(cursor.ExecuteScalar());
        };

        // before_execute on every Engine
        static void BeforeExecute(ExecuteEventArgs e) => Console.WriteLine("before execute!");
        Engine.AllEvents.BeforeExecute += BeforeExecute;
        try
        {
            await using var conn = await engine.ConnectAsync();
            await conn.ExecuteAsync(Text("select 1"));
            await conn.CommitAsync();
        }
        finally
        {
            Engine.AllEvents.BeforeExecute -= BeforeExecute;
            await engine.DisposeAsync();
        }
    }
}
