namespace Framework.Sql;

/// <summary>
/// An expression with a value: a column, a bound parameter, a comparison. C# operators build SQL from it, as in
/// SQLAlchemy: <c>col == "x"</c>, <c>col &gt; 5</c>, <c>a &amp; b</c>, <c>!a</c>; comparing to null writes IS NULL.
/// </summary>
public abstract class ColumnElement : ClauseElement
{
    private protected ColumnElement()
    {
    }

    /// <summary><c>left = right</c>, or <c>left IS NULL</c> when <paramref name="right"/> is null.</summary>
    public static ColumnElement operator ==(ColumnElement left, object? right) => Compare(left, "=", right);

    /// <summary><c>left &lt;&gt; right</c>, or <c>left IS NOT NULL</c> when <paramref name="right"/> is null.</summary>
    public static ColumnElement operator !=(ColumnElement left, object? right) => Compare(left, "<>", right);

    /// <summary><c>left &lt; right</c>.</summary>
    public static ColumnElement operator <(ColumnElement left, object? right) => Compare(left, "<", right);

    /// <summary><c>left &gt; right</c>.</summary>
    public static ColumnElement operator >(ColumnElement left, object? right) => Compare(left, ">", right);

    /// <summary><c>left &lt;= right</c>.</summary>
    public static ColumnElement operator <=(ColumnElement left, object? right) => Compare(left, "<=", right);

    /// <summary><c>left &gt;= right</c>.</summary>
    public static ColumnElement operator >=(ColumnElement left, object? right) => Compare(left, ">=", right);

    /// <summary><c>left AND right</c>.</summary>
    public static ColumnElement operator &(ColumnElement left, ColumnElement right) => BooleanClauseList.And(left, right);

    /// <summary><c>left OR right</c>.</summary>
    public static ColumnElement operator |(ColumnElement left, ColumnElement right) => BooleanClauseList.Or(left, right);

    /// <summary><c>NOT operand</c>.</summary>
    public static ColumnElement operator !(ColumnElement operand) => new UnaryExpression("NOT ", operand, "");

    /// <summary><c>AND</c> (named alternative to the operator).</summary>
    public static ColumnElement BitwiseAnd(ColumnElement left, ColumnElement right) => left & right;

    /// <summary><c>OR</c> (named alternative to the operator).</summary>
    public static ColumnElement BitwiseOr(ColumnElement left, ColumnElement right) => left | right;

    /// <summary><c>NOT</c> (named alternative to the operator).</summary>
    public static ColumnElement LogicalNot(ColumnElement operand) => !operand;

    /// <summary><c>IS NULL</c>.</summary>
    public ColumnElement IsNull() => new UnaryExpression("", this, " IS NULL");

    /// <summary><c>IS NOT NULL</c>.</summary>
    public ColumnElement IsNotNull() => new UnaryExpression("", this, " IS NOT NULL");

    /// <summary>Ascending order, for <c>OrderBy</c>.</summary>
    public ColumnElement Asc() => new UnaryExpression("", this, " ASC");

    /// <summary>Descending order, for <c>OrderBy</c>.</summary>
    public ColumnElement Desc() => new UnaryExpression("", this, " DESC");

    /// <summary>Reference identity: <c>==</c> on expressions builds SQL instead.</summary>
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <summary>Reference identity.</summary>
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <summary>An expression for <paramref name="value"/>: itself when it already is one, else a bound parameter.</summary>
    internal static ColumnElement Coerce(object? value) => value as ColumnElement ?? new BindParameter(value);

    private static ColumnElement Compare(ColumnElement left, string op, object? right)
    {
        ArgumentNullException.ThrowIfNull(left);
        return right switch
        {
            null when op == "=" => left.IsNull(),
            null when op == "<>" => left.IsNotNull(),
            null => throw new ArgumentNullException(nameof(right), $"Cannot compare with NULL using '{op}': SQL's answer is always unknown."),
            _ => new BinaryExpression(left, op, Coerce(right)),
        };
    }
}
