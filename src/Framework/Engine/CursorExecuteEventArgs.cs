using System.Data.Common;

namespace Framework;

/// <summary>A driver command about to be sent, or that was sent.</summary>
public sealed class CursorExecuteEventArgs : ConnectionEventArgs
{
    internal CursorExecuteEventArgs(Connection connection, DbCommand? command, string sql, IReadOnlyList<object?> parameters, bool executeMany)
        : base(connection)
    {
        Command = command;
        Sql = sql;
        Parameters = parameters;
        ExecuteMany = executeMany;
    }

    /// <summary>The driver command (null for executemany, which sends a batch).</summary>
    public DbCommand? Command { get; }

    /// <summary>The SQL sent.</summary>
    public string Sql { get; }

    /// <summary>The bound values in binding order (for executemany, the first set).</summary>
    public IReadOnlyList<object?> Parameters { get; }

    /// <summary>Whether many parameter sets are sent at once.</summary>
    public bool ExecuteMany { get; }
}
