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

    /// <summary><c>left + right</c>; for strings, concatenation (<c>left || right</c>).</summary>
    public static ColumnElement operator +(ColumnElement left, object? right) => Arithmetic(left, "+", right);

    /// <summary><c>left + right</c>, with a value on the left.</summary>
    public static ColumnElement operator +(object? left, ColumnElement right) => Arithmetic(Coerce(left, right?.ExpressionType), "+", right);

    /// <summary><c>left + right</c>.</summary>
    public static ColumnElement operator +(ColumnElement left, ColumnElement right) => Arithmetic(left, "+", right);

    /// <summary><c>left - right</c>.</summary>
    public static ColumnElement operator -(ColumnElement left, object? right) => Arithmetic(left, "-", right);

    /// <summary><c>left - right</c>, with a value on the left.</summary>
    public static ColumnElement operator -(object? left, ColumnElement right) => Arithmetic(Coerce(left, right?.ExpressionType), "-", right);

    /// <summary><c>left - right</c>.</summary>
    public static ColumnElement operator -(ColumnElement left, ColumnElement right) => Arithmetic(left, "-", right);

    /// <summary><c>left * right</c>.</summary>
    public static ColumnElement operator *(ColumnElement left, object? right) => Arithmetic(left, "*", right);

    /// <summary><c>left * right</c>, with a value on the left.</summary>
    public static ColumnElement operator *(object? left, ColumnElement right) => Arithmetic(Coerce(left, right?.ExpressionType), "*", right);

    /// <summary><c>left * right</c>.</summary>
    public static ColumnElement operator *(ColumnElement left, ColumnElement right) => Arithmetic(left, "*", right);

    /// <summary><c>left / right</c> (integer division for integers, as the database does it).</summary>
    public static ColumnElement operator /(ColumnElement left, object? right) => Arithmetic(left, "/", right);

    /// <summary><c>left / right</c>, with a value on the left.</summary>
    public static ColumnElement operator /(object? left, ColumnElement right) => Arithmetic(Coerce(left, right?.ExpressionType), "/", right);

    /// <summary><c>left / right</c>.</summary>
    public static ColumnElement operator /(ColumnElement left, ColumnElement right) => Arithmetic(left, "/", right);

    /// <summary><c>left % right</c>.</summary>
    public static ColumnElement operator %(ColumnElement left, object? right) => Arithmetic(left, "%", right);

    /// <summary><c>left % right</c>, with a value on the left.</summary>
    public static ColumnElement operator %(object? left, ColumnElement right) => Arithmetic(Coerce(left, right?.ExpressionType), "%", right);

    /// <summary><c>left % right</c>.</summary>
    public static ColumnElement operator %(ColumnElement left, ColumnElement right) => Arithmetic(left, "%", right);

    /// <summary><c>-operand</c>.</summary>
    public static ColumnElement operator -(ColumnElement operand) => new UnaryExpression("-", operand, "", Precedences.Multiplicative + 1);

    /// <summary><c>left AND right</c>.</summary>
    public static ColumnElement operator &(ColumnElement left, ColumnElement right) => BooleanClauseList.And(left, right);

    /// <summary><c>left OR right</c>.</summary>
    public static ColumnElement operator |(ColumnElement left, ColumnElement right) => BooleanClauseList.Or(left, right);

    /// <summary><c>NOT operand</c>.</summary>
    public static ColumnElement operator !(ColumnElement operand) => new UnaryExpression("NOT ", operand, "", Precedences.Not);

    /// <summary><c>+</c> (named alternative to the operator).</summary>
    public static ColumnElement Add(ColumnElement left, ColumnElement right) => left + right;

    /// <summary><c>-</c> (named alternative to the operator).</summary>
    public static ColumnElement Subtract(ColumnElement left, ColumnElement right) => left - right;

    /// <summary><c>*</c> (named alternative to the operator).</summary>
    public static ColumnElement Multiply(ColumnElement left, ColumnElement right) => left * right;

    /// <summary><c>/</c> (named alternative to the operator).</summary>
    public static ColumnElement Divide(ColumnElement left, ColumnElement right) => left / right;

    /// <summary><c>%</c> (named alternative to the operator).</summary>
    public static ColumnElement Mod(ColumnElement left, ColumnElement right) => left % right;

    /// <summary>Unary minus (named alternative to the operator).</summary>
    public static ColumnElement Negate(ColumnElement operand) => -operand;

    /// <summary><c>AND</c> (named alternative to the operator).</summary>
    public static ColumnElement BitwiseAnd(ColumnElement left, ColumnElement right) => left & right;

    /// <summary><c>OR</c> (named alternative to the operator).</summary>
    public static ColumnElement BitwiseOr(ColumnElement left, ColumnElement right) => left | right;

    /// <summary><c>NOT</c> (named alternative to the operator).</summary>
    public static ColumnElement LogicalNot(ColumnElement operand) => !operand;

    /// <summary><c>IS NULL</c>.</summary>
    public ColumnElement IsNull() => new UnaryExpression("", this, " IS NULL", Precedences.Is);

    /// <summary><c>IS NOT NULL</c>.</summary>
    public ColumnElement IsNotNull() => new UnaryExpression("", this, " IS NOT NULL", Precedences.Is);

    /// <summary>Ascending order, for <c>OrderBy</c>; add <see cref="OrderingExpression.NullsFirst"/> or <see cref="OrderingExpression.NullsLast"/> to place NULLs.</summary>
    public OrderingExpression Asc() => new(this, descending: false, nulls: null);

    /// <summary>Descending order, for <c>OrderBy</c>.</summary>
    public OrderingExpression Desc() => new(this, descending: true, nulls: null);

    /// <summary>Ascending order with NULLs first.</summary>
    public OrderingExpression NullsFirst() => Asc().NullsFirst();

    /// <summary>Ascending order with NULLs last.</summary>
    public OrderingExpression NullsLast() => Asc().NullsLast();

    /// <summary>
    /// <c>IN (...)</c>: the values given (<c>In(1, 2, 3)</c>), a collection of them (<c>In(ids)</c>), or a list the
    /// caller passes at execution (<c>In(BindParam("ids"))</c>), each value a bound parameter. An empty list is a
    /// condition that is never true.
    /// </summary>
    public ColumnElement In(params IEnumerable<object?> values) => new InExpression(this, values ?? throw new ArgumentNullException(nameof(values)), negated: false);

    /// <summary><c>IN (SELECT ...)</c>: the subquery's one column.</summary>
    public ColumnElement In(SelectBase select) => new InSelectExpression(this, select ?? throw new ArgumentNullException(nameof(select)), negated: false);

    /// <summary><c>NOT IN (...)</c>, with values as <see cref="In(IEnumerable{object?})"/> takes them; an empty list is a condition that is always true.</summary>
    public ColumnElement NotIn(params IEnumerable<object?> values) => new InExpression(this, values ?? throw new ArgumentNullException(nameof(values)), negated: true);

    /// <summary><c>NOT IN (SELECT ...)</c>.</summary>
    public ColumnElement NotIn(SelectBase select) => new InSelectExpression(this, select ?? throw new ArgumentNullException(nameof(select)), negated: true);

    /// <summary><c>BETWEEN low AND high</c>.</summary>
    public ColumnElement Between(object? low, object? high) => new BetweenExpression(this, Coerce(low, ExpressionType), Coerce(high, ExpressionType));

    /// <summary>
    /// <c>LIKE pattern</c>: <c>%</c> and <c>_</c> in <paramref name="pattern"/> are wildcards. The pattern is bound,
    /// never written into the SQL, and read as the database reads LIKE patterns: PostgreSQL also takes a backslash
    /// as an escape character, SQLite does not. To match text literally, use <see cref="StartsWith"/>,
    /// <see cref="EndsWith"/> or <see cref="Contains"/>.
    /// </summary>
    public ColumnElement Like(string pattern) => new LikeExpression(this, Coerce(pattern), caseInsensitive: false, escape: null);

    /// <summary>Case-insensitive <see cref="Like"/> (ILIKE on PostgreSQL, lower() on both sides elsewhere), its pattern read the same way.</summary>
    public ColumnElement ILike(string pattern) => new LikeExpression(this, Coerce(pattern), caseInsensitive: true, escape: null);

    /// <summary>String concatenation: <c>this || other</c>.</summary>
    public ColumnElement Concat(object? other) => new BinaryExpression(this, "||", Coerce(other, SqlType.Text), Precedences.Additive, SqlType.Text, typeof(string));

    /// <summary><c>CAST(this AS type)</c>.</summary>
    public ColumnElement Cast(SqlType type) => new CastExpression(this, type ?? throw new ArgumentNullException(nameof(type)));

    /// <summary>Starts with <paramref name="prefix"/>, taken literally: its <c>%</c> and <c>_</c> are escaped.</summary>
    public ColumnElement StartsWith(string prefix) => LikeLiteral(prefix, "", "%");

    /// <summary>Ends with <paramref name="suffix"/>, taken literally.</summary>
    public ColumnElement EndsWith(string suffix) => LikeLiteral(suffix, "%", "");

    /// <summary>Contains <paramref name="text"/>, taken literally.</summary>
    public ColumnElement Contains(string text) => LikeLiteral(text, "%", "%");

    /// <summary>The expression under another name in a SELECT list: <c>expr AS name</c>.</summary>
    public ColumnElement Label(string name)
    {
        Identifiers.Validate(name, "label");
        return new LabelExpression(this, name);
    }

    /// <summary>Reference identity: <c>==</c> on expressions builds SQL instead.</summary>
    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    /// <summary>Reference identity.</summary>
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <summary>The SQL type of its values, when known (a column's; a comparison's is boolean).</summary>
    internal virtual SqlType? ExpressionType => null;

    /// <summary>The .NET type its values are read as, when known.</summary>
    internal virtual Type? ValueType => null;

    /// <summary>An expression for <paramref name="value"/>: itself when it already is one, else a bound parameter of <paramref name="type"/>.</summary>
    internal static ColumnElement Coerce(object? value, SqlType? type = null) => value switch
    {
        ColumnElement element => element,
        SelectBase select => select.ScalarSubquery(),
        _ => new BindParameter(value, type),
    };

    private LikeExpression LikeLiteral(string text, string before, string after)
    {
        ArgumentNullException.ThrowIfNull(text);
        // '/' escapes itself and the wildcards, so the text matches only itself.
        var escaped = text.Replace("/", "//", StringComparison.Ordinal).Replace("%", "/%", StringComparison.Ordinal).Replace("_", "/_", StringComparison.Ordinal);
        return new LikeExpression(this, Coerce(before + escaped + after), caseInsensitive: false, escape: '/');
    }

    private static ColumnElement Compare(ColumnElement left, string op, object? right)
    {
        ArgumentNullException.ThrowIfNull(left);
        return right switch
        {
            null when op == "=" => left.IsNull(),
            null when op == "<>" => left.IsNotNull(),
            null => throw new ArgumentNullException(nameof(right), $"Cannot compare with NULL using '{op}': SQL's answer is always unknown."),
            _ => new BinaryExpression(left, op, Coerce(right, left.ExpressionType), Precedences.Comparison, SqlType.Boolean, typeof(bool)),
        };
    }

    private static ColumnElement Arithmetic(ColumnElement left, string op, object? right)
    {
        ArgumentNullException.ThrowIfNull(left);
        var other = Coerce(right, left.ExpressionType);
        // As in SQLAlchemy, + on strings concatenates.
        if (op == "+" && (IsString(left.ExpressionType) || IsString(other.ExpressionType)))
            return new BinaryExpression(left, "||", other, Precedences.Additive, SqlType.Text, typeof(string));
        var precedence = op is "+" or "-" ? Precedences.Additive : Precedences.Multiplicative;
        return new BinaryExpression(left, op, other, precedence, left.ExpressionType ?? other.ExpressionType, left.ValueType ?? other.ValueType);
    }

    private static bool IsString(SqlType? type) => type?.Kind is SqlTypeKind.String or SqlTypeKind.Text;
}
