using Framework.Diagnostics;

namespace Framework.Sql;

/// <summary>
/// A statement compiled for one dialect: the SQL text, the names of its bind parameters in binding order, and the
/// values the statement itself carries. <see cref="Executable.Compile(Dialect)"/> returns one to read.
/// </summary>
public sealed class Compiled
{
    internal Compiled(string sql, string[] parameterNames, int[]? slots = null, bool[]? overridable = null, Type?[]? resultTypes = null)
    {
        Sql = sql;
        ParameterNames = parameterNames;
        Slots = slots;
        Overridable = overridable;
        ResultTypes = resultTypes;
        Parameters = EmptyParameters;
    }

    // The shared compiled form, shown with one statement's values.
    private Compiled(Compiled shared, BindParameter[] binds)
    {
        Sql = shared.Sql;
        ParameterNames = shared.ParameterNames;
        Slots = shared.Slots;
        Overridable = shared.Overridable;
        ResultTypes = shared.ResultTypes;
        Rows = shared.Rows;
        Defaults = shared.Defaults;
        Lists = shared.Lists;
        ReadsOnly = shared.ReadsOnly;
        LocksRows = shared.LocksRows;
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < shared.Names.Length; i++)
        {
            if (shared.Slots?[i] is >= 0 and var ordinal)
            {
                var value = binds[ordinal].Value;
                values[shared.Names[i]] = shared.Lists?[i] is { } list ? ParameterValues.Element(value, list) : value;
            }
        }
        Parameters = values;
    }

    private static readonly IReadOnlyDictionary<string, object?> EmptyParameters = new Dictionary<string, object?>();

    /// <summary>The SQL as the driver receives it.</summary>
    public string Sql { get; }

    /// <summary>Each distinct bind parameter, in the order the driver binds them.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The values the statement carries, by parameter name; those the caller passes at execution are absent.</summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; }

    internal string[] Names => (string[])ParameterNames;

    /// <summary>Per parameter, the position of the statement's own value among its bound values, or -1 where the caller supplies it by name.</summary>
    internal int[]? Slots { get; }

    /// <summary>Per parameter, whether a caller's value of that name replaces the statement's (an explicit BindParam with a value); null when none does.</summary>
    internal bool[]? Overridable { get; }

    /// <summary>Per parameter, which parameter set of an insertmanyvalues page it reads; null when all read the first.</summary>
    internal int[]? Rows { get; init; }

    /// <summary>Per parameter, which value of which IN list it takes (null entries for other parameters); null when the statement has no list.</summary>
    internal ListSlot?[]? Lists { get; init; }

    /// <summary>The columns whose client-side defaults fill the slots numbered <see cref="SqlCompiler.DefaultSlot"/>.</summary>
    internal Column[]? Defaults { get; init; }

    /// <summary>
    /// Whether the statement is a SELECT that only reads committed rows: no row locks, no function calls, no SQL text. Where
    /// each statement reads its own snapshot (PostgreSQL at READ COMMITTED), such a statement sees the same rows with or
    /// without a transaction begun, so a connection may run it before sending BEGIN.
    /// </summary>
    internal bool ReadsOnly { get; init; }

    /// <summary>The key its dialect caches it under (equal for statements of one shape); null until cached.</summary>
    internal object? CacheKey { get; set; }

    /// <summary>Whether the statement locks what it reads (FOR UPDATE; on SQLite, where the clause is left out, the write lock).</summary>
    internal bool LocksRows { get; init; }

    /// <summary>
    /// The driver's own answer to whether the SQL only reads, for a statement the compiler cannot see into (SQL text, a
    /// function): found once, by <see cref="Driver.ReadsOnly"/>, and kept with the cached statement.
    /// </summary>
    internal bool? DriverReadsOnly { get; set; }

    /// <summary>How telemetry names the statement: its operation and the one table it works on, when Framework wrote its SQL.</summary>
    internal OperationNames Telemetry { get; init; } = OperationNames.Unknown;

    /// <summary>The .NET types the result columns are read as (null entries are left as the driver reads them).</summary>
    internal Type?[]? ResultTypes { get; }

    /// <summary>
    /// The columns the last run of this statement returned (the engine's <c>ResultMetadata</c>), reused while the driver
    /// reports the same ones. Typed as object because Sql does not know the result layer; the engine alone reads it.
    /// </summary>
    internal object? LastColumns { get; set; }

    internal Compiled WithValues(BindParameter[] binds) => new(this, binds);

    /// <inheritdoc />
    public override string ToString() => Sql;
}

/// <summary>
/// A parameter holding value <paramref name="Element"/> of the IN list named <paramref name="Name"/>, which was
/// compiled with <paramref name="Size"/> parameters; or, made by <see cref="Array"/>, the whole list as one typed array
/// of <paramref name="Type"/>'s values, compared with values of <paramref name="ValueType"/>.
/// </summary>
internal sealed record ListSlot(string Name, int Element, int Size, SqlType? Type = null, Type? ValueType = null)
{
    /// <summary>Whether the parameter holds the whole list as one array.</summary>
    public bool IsArray => Element < 0;

    /// <summary>The parameter of a list bound as one array.</summary>
    public static ListSlot Array(string name, SqlType? type, Type? valueType) => new(name, -1, 0, type, valueType);
}
