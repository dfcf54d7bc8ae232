namespace Framework.Sql;

/// <summary>A statement compiled for one dialect: the SQL text and the names of its bind parameters in binding order.</summary>
public sealed class Compiled
{
    internal Compiled(string sql, string[] parameterNames)
    {
        Sql = sql;
        ParameterNames = parameterNames;
    }

    /// <summary>The SQL as the driver receives it.</summary>
    public string Sql { get; }

    /// <summary>Each distinct bind parameter, in the order the driver binds them.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    internal string[] Names => (string[])ParameterNames;

    /// <summary>The columns the last run of this statement returned, reused while the driver reports the same ones.</summary>
    internal ResultMetadata? LastColumns { get; set; }

    /// <inheritdoc />
    public override string ToString() => Sql;
}
