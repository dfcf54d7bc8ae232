namespace Framework.Sql;

/// <summary>
/// SQL functions: <c>Func.Count()</c>, <c>Func.Max(t.C["id"])</c>, <c>Func.RowNumber().Over(orderBy: [t.C["id"]])</c>,
/// or any function by name with <see cref="Call"/>. Arguments that are not expressions are bound parameters.
/// </summary>
public static class Func
{
    /// <summary><c>count(*)</c>, or <c>count(expr)</c>.</summary>
    public static FunctionElement Count(ColumnElement? expression = null) =>
        new("count", expression is null ? [] : [expression], SqlType.BigInteger, typeof(long));

    /// <summary><c>sum(expr)</c>.</summary>
    public static FunctionElement Sum(ColumnElement expression) => new("sum", [expression ?? throw new ArgumentNullException(nameof(expression))], expression.ExpressionType, null);

    /// <summary><c>avg(expr)</c>.</summary>
    public static FunctionElement Avg(ColumnElement expression) => Call("avg", expression);

    /// <summary><c>min(expr)</c>.</summary>
    public static FunctionElement Min(ColumnElement expression) => Typed("min", expression);

    /// <summary><c>max(expr)</c>.</summary>
    public static FunctionElement Max(ColumnElement expression) => Typed("max", expression);

    /// <summary><c>lower(expr)</c>.</summary>
    public static FunctionElement Lower(ColumnElement expression) => Typed("lower", expression);

    /// <summary><c>upper(expr)</c>.</summary>
    public static FunctionElement Upper(ColumnElement expression) => Typed("upper", expression);

    /// <summary><c>length(expr)</c>.</summary>
    public static FunctionElement Length(ColumnElement expression) => Call("length", expression);

    /// <summary>The current date and time: <c>now()</c> on PostgreSQL, <c>CURRENT_TIMESTAMP</c> on SQLite.</summary>
    public static FunctionElement Now() => new("now", [], SqlType.DateTime(timezone: true), typeof(DateTimeOffset));

    /// <summary><c>coalesce(a, b, ...)</c>: the first argument that is not NULL.</summary>
    public static FunctionElement Coalesce(ColumnElement first, params object?[] rest)
    {
        ArgumentNullException.ThrowIfNull(first);
        return new("coalesce", [first, .. rest.Select(r => ColumnElement.Coerce(r, first.ExpressionType))], first.ExpressionType, first.ValueType);
    }

    /// <summary><c>row_number()</c>, for <see cref="FunctionElement.Over"/>.</summary>
    public static FunctionElement RowNumber() => new("row_number", [], SqlType.BigInteger, typeof(long));

    /// <summary><c>rank()</c>, for <see cref="FunctionElement.Over"/>.</summary>
    public static FunctionElement Rank() => new("rank", [], SqlType.BigInteger, typeof(long));

    /// <summary><c>dense_rank()</c>, for <see cref="FunctionElement.Over"/>.</summary>
    public static FunctionElement DenseRank() => new("dense_rank", [], SqlType.BigInteger, typeof(long));

    /// <summary>Any function by name; arguments that are not expressions are bound parameters. The name must be a plain identifier.</summary>
    public static FunctionElement Call(string name, params object?[] arguments)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(arguments);
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.') || char.IsAsciiDigit(name[0]))
            throw new ArgumentException($"{Identifiers.Quoted(name)} is not a function name: use letters, digits, '_' and '.' (for a schema), starting with a letter.", nameof(name));
        return new(name, [.. arguments.Select(a => ColumnElement.Coerce(a))], null, null);
    }

    private static FunctionElement Typed(string name, ColumnElement expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return new(name, [expression], expression.ExpressionType, expression.ValueType);
    }
}
