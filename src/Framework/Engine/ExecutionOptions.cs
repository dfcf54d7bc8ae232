using System.Data;

namespace Framework;

/// <summary>Options that change how a connection runs statements, like SQLAlchemy's <c>execution_options()</c>.</summary>
public sealed record ExecutionOptions
{
    /// <summary>The isolation level of the next transaction this connection begins.</summary>
    public IsolationLevel? IsolationLevel { get; init; }

    /// <summary>Whether statements run without an implicit transaction (see <see cref="EngineOptions.Autocommit"/>).</summary>
    public bool? Autocommit { get; init; }
}
