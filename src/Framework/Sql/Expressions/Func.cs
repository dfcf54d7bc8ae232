namespace Framework.Sql;

/// <summary>SQL functions: <c>Func.Count()</c>, <c>Func.Max(t.C["id"])</c>, or any function by name with <see cref="Call"/>.</summary>
public static class Func
{
    /// <summary><c>count(*)</c>, or <c>count(expr)</c>.</summary>
    public static ColumnElement Count(ColumnElement? expression = null) => Call("count", expression is null ? [] : [expression]);

    /// <summary><c>sum(expr)</c>.</summary>
    public static ColumnElement Sum(ColumnElement expression) => Call("sum", expression);

    /// <summary><c>avg(expr)</c>.</summary>
    public static ColumnElement Avg(ColumnElement expression) => Call("avg", expression);

    /// <summary><c>min(expr)</c>.</summary>
    public static ColumnElement Min(ColumnElement expression) => Call("min", expression);

    /// <summary><c>max(expr)</c>.</summary>
    public static ColumnElement Max(ColumnElement expression) => Call("max", expression);

    /// <summary><c>lower(expr)</c>.</summary>
    public static ColumnElement Lower(ColumnElement expression) => Call("lower", expression);

    /// <summary><c>upper(expr)</c>.</summary>
    public static ColumnElement Upper(ColumnElement expression) => Call("upper", expression);

    /// <summary><c>length(expr)</c>.</summary>
    public static ColumnElement Length(ColumnElement expression) => Call("length", expression);

    /// <summary>Any function by name; arguments that are not expressions are bound parameters. The name must be a plain identifier.</summary>
    public static ColumnElement Call(string name, params object?[] arguments)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.') || char.IsAsciiDigit(name[0]))
            throw new ArgumentException($"'{name}' is not a function name: use letters, digits, '_' and '.' (for a schema), starting with a letter.", nameof(name));
        return new FunctionExpression(name, [.. arguments.Select(ColumnElement.Coerce)]);
    }
}
