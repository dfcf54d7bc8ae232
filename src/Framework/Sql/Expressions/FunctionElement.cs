namespace Framework.Sql;

/// <summary>A SQL function call, <c>name(args)</c>; <see cref="Over"/> makes it a window function.</summary>
public sealed class FunctionElement : ColumnElement
{
    private readonly string _name;
    private readonly ColumnElement[] _arguments;
    private readonly SqlType? _type;
    private readonly Type? _valueType;

    // Built-in functions that compute from their arguments alone: a SELECT calling them still only reads. Any other
    // function may write, or read the transaction's clock (now()), so it needs the transaction begun.
    private static readonly HashSet<string> ReadsOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        "count", "sum", "avg", "min", "max", "lower", "upper", "length", "char_length", "coalesce", "nullif", "abs", "round",
        "greatest", "least", "substr", "substring", "trim", "concat", "string_agg", "array_agg", "json_agg", "jsonb_agg",
        "bool_and", "bool_or", "row_number", "rank", "dense_rank",
    };

    internal FunctionElement(string name, ColumnElement[] arguments, SqlType? type, Type? valueType)
    {
        _name = name;
        _arguments = arguments;
        _type = type;
        _valueType = valueType;
    }

    /// <summary>
    /// The function over a window: <c>f() OVER (PARTITION BY ... ORDER BY ...)</c>, e.g.
    /// <c>Func.RowNumber().Over(partitionBy: [t.C["group"]], orderBy: [t.C["score"].Desc()])</c>.
    /// </summary>
    public ColumnElement Over(IEnumerable<ColumnElement>? partitionBy = null, IEnumerable<ColumnElement>? orderBy = null) =>
        new OverExpression(this, [.. partitionBy ?? []], [.. orderBy ?? []]);

    internal override SqlType? ExpressionType => _type;

    internal override Type? ValueType => _valueType;

    internal override void Compile(SqlCompiler compiler)
    {
        if (!ReadsOnly.Contains(_name))
            compiler.MayHaveEffects();
        if (_name == "now")
        {
            compiler.Now();
            return;
        }
        compiler.Append(_name).Append('(');
        if (_arguments.Length == 0 && _name == "count")
            compiler.Append('*');
        compiler.List(_arguments);
        compiler.Append(')');
    }

    internal override void AddKey(KeyBuilder key) => key.Add(typeof(FunctionElement)).Add(_name).Add(_arguments);

    internal override void CollectFroms(List<FromClause> froms)
    {
        foreach (var argument in _arguments)
            argument.CollectFroms(froms);
    }
}

/// <summary><c>f(...) OVER (PARTITION BY ... ORDER BY ...)</c>.</summary>
internal sealed class OverExpression(FunctionElement function, ColumnElement[] partitionBy, ColumnElement[] orderBy) : ColumnElement
{
    internal override SqlType? ExpressionType => function.ExpressionType;

    internal override Type? ValueType => function.ValueType;

    internal override void Compile(SqlCompiler compiler)
    {
        function.Compile(compiler);
        compiler.Append(" OVER (");
        compiler.Clause("PARTITION BY ", partitionBy);
        compiler.Append(partitionBy.Length > 0 && orderBy.Length > 0 ? " " : "");
        compiler.Clause("ORDER BY ", orderBy);
        compiler.Append(')');
    }

    internal override void AddKey(KeyBuilder key) => key.Add(typeof(OverExpression)).Add(function).Add(partitionBy).Add(orderBy);

    internal override void CollectFroms(List<FromClause> froms)
    {
        function.CollectFroms(froms);
        foreach (var term in partitionBy.Concat(orderBy))
            term.CollectFroms(froms);
    }
}
