using Framework.Sql;

namespace Framework;

/// <summary>A statement about to run, or that ran.</summary>
public sealed class ExecuteEventArgs : ConnectionEventArgs
{
    internal ExecuteEventArgs(Connection connection, Executable statement, object? parameters) : base(connection)
    {
        Statement = statement;
        Parameters = parameters;
    }

    /// <summary>The statement.</summary>
    public Executable Statement { get; }

    /// <summary>The parameters as the caller gave them (an object, a dictionary, or a list of them for executemany).</summary>
    public object? Parameters { get; }

    /// <summary>The result, in <see cref="EngineEvents.AfterExecute"/>.</summary>
    public Result? Result { get; internal set; }
}
