namespace Framework.Sql;

/// <summary>The expression language's entry points, meant for <c>using static Framework.Sql.Expressions;</c>.</summary>
public static partial class Expressions
{
    /// <summary>Literal SQL with <c>:name</c> bind parameters, e.g. <c>Text("select * from t where id = :id")</c>.</summary>
    public static TextClause Text(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return new TextClause(sql);
    }

    /// <summary>
    /// SELECT of columns, expressions or whole FROM items (a table, alias, subquery or CTE stands for all its
    /// columns), from what they belong to: <c>Select(t1).Where(t1.C["name"] == "x")</c>.
    /// </summary>
    public static Select Select(params object[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0)
            throw new ArgumentException("Select needs at least one column or table.", nameof(columns));
        var selected = new List<ColumnElement>();
        var froms = new List<FromClause>();
        foreach (var item in columns)
        {
            switch (item)
            {
                case FromClause from:
                    selected.AddRange(from.C);
                    if (!froms.Contains(from))
                        froms.Add(from);
                    break;
                case ColumnElement element:
                    selected.Add(element);
                    break;
                default:
                    throw new ArgumentException(
                        $"Select takes tables, columns and expressions, not {item?.GetType().Name ?? "null"}. For a literal value, use Literal(...).", nameof(columns));
            }
        }
        return new Select([.. selected], [.. froms]);
    }

    /// <summary><c>EXISTS (SELECT ...)</c>, correlated to the statement it is used in.</summary>
    public static ColumnElement Exists(SelectBase select)
    {
        ArgumentNullException.ThrowIfNull(select);
        return select.Exists();
    }

    /// <summary>Conditions joined with AND.</summary>
    public static ColumnElement And(params ColumnElement[] conditions) => BooleanClauseList.And(conditions);

    /// <summary>Conditions joined with OR.</summary>
    public static ColumnElement Or(params ColumnElement[] conditions) => BooleanClauseList.Or(conditions);

    /// <summary><c>NOT condition</c>.</summary>
    public static ColumnElement Not(ColumnElement condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return !condition;
    }

    /// <summary>
    /// <c>CASE WHEN ... THEN ... ELSE ... END</c>: the value of the first condition that holds, else
    /// <paramref name="otherwise"/> (NULL when not given). Values that are not expressions are bound parameters.
    /// </summary>
    public static ColumnElement Case(IEnumerable<(ColumnElement When, object? Then)> whens, object? otherwise = null)
    {
        ArgumentNullException.ThrowIfNull(whens);
        var list = whens.Select(w => (w.When ?? throw new ArgumentNullException(nameof(whens)), ColumnElement.Coerce(w.Then))).ToArray();
        if (list.Length == 0)
            throw new ArgumentException("CASE needs at least one WHEN.", nameof(whens));
        return new CaseExpression(list, otherwise is null ? null : ColumnElement.Coerce(otherwise, list[0].Item2.ExpressionType));
    }

    /// <summary><c>CAST(expression AS type)</c>; a value that is not an expression is bound first.</summary>
    public static ColumnElement Cast(object? expression, SqlType type) => ColumnElement.Coerce(expression).Cast(type);

    /// <summary>String concatenation of all the parts: <c>a || b || ...</c>.</summary>
    public static ColumnElement Concat(ColumnElement first, params object?[] rest)
    {
        ArgumentNullException.ThrowIfNull(first);
        return rest.Aggregate(first, (left, right) => left.Concat(right));
    }

    /// <summary>A value as a column of its own, bound as a parameter: <c>Select(Literal(1).Label("one"))</c>.</summary>
    public static ColumnElement Literal(object? value, SqlType? type = null) =>
        new BindParameter(value, type ?? (value is null ? null : SqlType.For(value.GetType())));

    /// <summary>
    /// Raw SQL used as a column, written exactly as given (<c>LiteralColumn("CURRENT_DATE")</c>). It is not
    /// escaped: never build it from user input; use <see cref="Literal"/> or <see cref="BindParam"/> for values.
    /// </summary>
    public static ColumnElement LiteralColumn(string sql, SqlType? type = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        return new LiteralColumnExpression(sql, type);
    }

    /// <summary>The SQL NULL.</summary>
    public static ColumnElement Null() => new LiteralColumnExpression("NULL", null, readsOnly: true);

    /// <summary>
    /// A named bind parameter. Without a value, the caller passes it at execution (<c>new { name = ... }</c>); with
    /// one, that value is used unless the caller passes another under the same name.
    /// </summary>
    public static ColumnElement BindParam(string name, object? value = null, SqlType? type = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return value is null ? new NamedParameter(name, type) : new BindParameter(value, type, key: name);
    }
}
