namespace Framework.Sql;

/// <summary>A statement compiled for one dialect: the SQL text and the names of its bind parameters in binding order.</summary>
public sealed class Compiled
{
    internal Compiled(string sql, string[] parameterNames, BindParameter?[]? binds = null)
    {
        Sql = sql;
        ParameterNames = parameterNames;
        Binds = binds;
    }

    /// <summary>The SQL as the driver receives it.</summary>
    public string Sql { get; }

    /// <summary>Each distinct bind parameter, in the order the driver binds them.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    internal string[] Names => (string[])ParameterNames;

    /// <summary>Per parameter, the value bound in the statement itself, or null where the caller supplies it by name.</summary>
    internal BindParameter?[]? Binds { get; }

    /// <summary>The columns the last run of this statement returned, reused while the driver reports the same ones.</summary>
    internal ResultMetadata? LastColumns { get; set; }

    /// <inheritdoc />
    public override string ToString() => Sql;
}
