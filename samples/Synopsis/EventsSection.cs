using Framework;
using Framework.Orm;
using static Framework.Engines;
using static Framework.Sql.Expressions;

namespace Synopsis;

/// <summary>SYNOPSIS.md, "Events", as written there; the handlers on every engine and session are removed at the end.</summary>
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
        var session = new AsyncSession(engine);

        // before_commit on one session: the handler uses the synchronous API
        session.SyncSession.Events.BeforeCommit += e =>
        {
            Console.WriteLine("before commit!");
            var connection = e.Session.Connection();
            var result = connection.Execute(Text("select 'execute from event'"));
            Console.WriteLine(result.First());
        };

        // after_commit on every Session
        static void AfterCommit(SessionEventArgs e) => Console.WriteLine("after commit!");
        Session.AllEvents.AfterCommit += AfterCommit;
        try
        {
            await session.ExecuteAsync(Text("select 1"));
            await session.CommitAsync();
            await session.CloseAsync();
            await engine.DisposeAsync();
        }
        finally
        {
            Engine.AllEvents.BeforeExecute -= BeforeExecute;
            Session.AllEvents.AfterCommit -= AfterCommit;
        }
    }
}
