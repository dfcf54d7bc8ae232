using Framework;

namespace WebApi.Tests.Infrastructure;

/// <summary>The SQL statements an engine sends while the log is open, SAVEPOINT bookkeeping of the test's transaction left out.</summary>
public sealed class StatementLog : IDisposable
{
    private readonly EngineEvents _events;
    private readonly List<string> _statements = [];

    public StatementLog(AsyncEngine engine)
    {
        _events = engine.SyncEngine.Events;
        _events.BeforeCursorExecute += OnStatement;
    }

    /// <summary>The statements sent, in order.</summary>
    public IReadOnlyList<string> Statements
    {
        get
        {
            lock (_statements)
                return [.. _statements];
        }
    }

    /// <summary>The SELECT statements sent, in order.</summary>
    public IReadOnlyList<string> Selects => [.. Statements.Where(s => s.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))];

    public void Dispose() => _events.BeforeCursorExecute -= OnStatement;

    private void OnStatement(CursorExecuteEventArgs args)
    {
        if (args.Sql.Contains("SAVEPOINT", StringComparison.OrdinalIgnoreCase))
            return;
        lock (_statements)
            _statements.Add(args.Sql);
    }
}
