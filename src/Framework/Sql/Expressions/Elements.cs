namespace Framework.Sql;

/// <summary>A parameter the caller passes by name at execution: <c>:name</c>.</summary>
internal sealed class NamedParameter(string name, SqlType? type) : ColumnElement
{
    public string Name => name;

    internal override SqlType? ExpressionType => type;

    internal override void Compile(SqlCompiler compiler) => compiler.Parameter(name, type);

    internal override void AddKey(KeyBuilder key) => key.Add(typeof(NamedParameter)).Add(name).Add(type);
}

/// <summary><c>left op right</c>.</summary>
internal sealed class BinaryExpression(ColumnElement left, string op, ColumnElement right, int precedence, SqlType? type, Type? valueType)
    : ColumnElement
{
    internal override int Precedence => precedence;

    internal override SqlType? ExpressionType => type;

    internal override Type? ValueType => valueType;

    internal override void Compile(SqlCompiler compiler)
    {
        compiler.Operand(left, Precedence);
        compiler.Append(' ').Append(op).Append(' ');
        compiler.Operand(right, Precedence);
    }

    internal override void AddKey(KeyBuilder key) => key.Add(typeof(BinaryExpression)).Add(op).Add(left).Add(right);

    internal override void CollectFroms(List<FromClause> froms)
    {
        left.CollectFroms(froms);
        right.CollectFroms(froms);
    }
}

/// <summary>An operand with SQL before and after it: <c>NOT x</c>, <c>x IS NULL</c>, <c>-x</c>.</summary>
internal sealed class UnaryExpression(string prefix, ColumnElement operand, string suffix, int precedence) : ColumnElement
{
    internal override int Precedence => precedence;

    internal override SqlType? ExpressionType => prefix == "-" ? operand.ExpressionType : SqlType.Boolean;

    internal override Type? ValueType => prefix == "-" ? operand.ValueType : typeof(bool);

    internal override void Compile(SqlCompiler compiler)
    {
        compiler.Append(prefix);
        compiler.Operand(operand, precedence);
        compiler.Append(suffix);
    }

    internal override void AddKey(KeyBuilder key) => key.Add(typeof(UnaryExpression)).Add(prefix).Add(suffix).Add(operand);

    internal override void CollectFroms(List<FromClause> froms) => operand.CollectFroms(froms);
}

/// <summary>Conditions joined by AND or OR, parenthesized where they nest.</summary>
internal sealed class BooleanClauseList : ColumnElement
{
    private BooleanClauseList(string op, ColumnElement[] clauses)
    {
        Operator = op;
        Clauses = clauses;
    }

    public string Operator { get; }

    public ColumnElement[] Clauses { get; }

    internal override int Precedence => Operator == " AND " ? Precedences.And : Precedences.Or;

    internal override SqlType? ExpressionType => SqlType.Boolean;

    internal override Type? ValueType => typeof(bool);

    public static ColumnElement And(params ColumnElement[] clauses) => Join(" AND ", clauses);

    public static ColumnElement Or(params ColumnElement[] clauses) => Join(" OR ", clauses);

    private static ColumnElement Join(string op, ColumnElement[] clauses)
    {
        // a & b & c is one AND of three, not nested pairs.
        var flat = new List<ColumnElement>(clauses.Length);
        foreach (var clause in clauses)
        {
            ArgumentNullException.ThrowIfNull(clause, nameof(clauses));
            if (clause is BooleanClauseList list && list.Operator == op)
                flat.AddRange(list.Clauses);
            else
                flat.Add(clause);
        }
        if (flat.Count == 0)
            throw new ArgumentException($"{op.Trim()} needs at least one condition.", nameof(clauses));
        return flat.Count == 1 ? flat[0] : new BooleanClauseList(op, [.. flat]);
    }

    internal override void Compile(SqlCompiler compiler)
    {
        for (var i = 0; i < Clauses.Length; i++)
        {
            if (i > 0)
                compiler.Append(Operator);
            compiler.Operand(Clauses[i], Precedence);
        }
    }

    internal override void AddKey(KeyBuilder key) => key.Add(typeof(BooleanClauseList)).Add(Operator).Add(Clauses);

    internal override void CollectFroms(List<FromClause> froms)
    {
        foreach (var clause in Clauses)
            clause.CollectFroms(froms);
    }
}

/// <summary><c>x [NOT] IN (a, b, ...)</c>; over a list, on a dialect that binds it as one array, <c>x = ANY($1)</c> (<c>x &lt;&gt; ALL($1)</c>).</summary>
internal sealed class InExpression : ColumnElement
{
    private readonly ColumnElement _operand;
    private readonly ColumnElement[]? _values;
    private readonly ListParameter? _list;
    private readonly bool _negated;

    public InExpression(ColumnElement operand, IEnumerable<object?> values, bool negated)
    {
        _operand = operand;
        _negated = negated;
        IReadOnlyList<object?> items = values as IReadOnlyList<object?> ?? [.. values];
        _list = ListParameter.From(items, operand.ExpressionType, operand.ValueType);
        if (_list is null)
            _values = [.. items.Select(v => Coerce(v, operand.ExpressionType))];
    }

    internal override int Precedence => Precedences.Comparison;

    internal override void Compile(SqlCompiler compiler)
    {
        if (_list is not null && compiler.Dialect.BindsListsAsArrays)
        {
            // ANY over an empty array is false and ALL over one true, for a NULL operand too: what IN () means below.
            compiler.Operand(_operand, Precedence);
            compiler.Append(_negated ? " <> ALL(" : " = ANY(");
            compiler.ListArray(_list);
            compiler.Append(')');
            return;
        }
        var count = _list?.Count(compiler.Parameters) ?? _values!.Length;
        if (count == 0)
        {
            // Nothing is IN an empty list (and everything is NOT IN it); written so every database accepts it.
            compiler.Append(_negated ? "1 = 1" : "1 != 1");
            return;
        }
        compiler.Operand(_operand, Precedence);
        compiler.Append(_negated ? " NOT IN (" : " IN (");
        if (_list is not null)
            compiler.List(_list, count);
        else
            compiler.List(_values!);
        compiler.Append(')');
    }

    internal override void AddKey(KeyBuilder key)
    {
        key.Add(typeof(InExpression)).Add(_negated).Add(_operand);
        if (_list is not null)
            key.Add(_list);
        else
            key.Add(_values!);
    }

    internal override void CollectFroms(List<FromClause> froms) => _operand.CollectFroms(froms);
}

/// <summary><c>x [NOT] IN (SELECT ...)</c>, correlated to the enclosing statement.</summary>
internal sealed class InSelectExpression(ColumnElement operand, SelectBase select, bool negated) : ColumnElement
{
    internal override int Precedence => Precedences.Comparison;

    internal override void Compile(SqlCompiler compiler)
    {
        compiler.Operand(operand, Precedence);
        compiler.Append(negated ? " NOT IN (" : " IN (");
        compiler.Nested(select, correlate: true);
        compiler.Append(')');
    }

    internal override void AddKey(KeyBuilder key) => key.Add(typeof(InSelectExpression)).Add(negated).Add(operand).Add(select);

    internal override void CollectFroms(List<FromClause> froms) => operand.CollectFroms(froms);
}

/// <summary><c>x BETWEEN low AND high</c>.</summary>
internal sealed class BetweenExpression(ColumnElement operand, ColumnElement low, ColumnElement high) : ColumnElement
{
    internal override int Precedence => Precedences.Comparison;

    internal override void Compile(SqlCompiler compiler)
    {
        compiler.Operand(operand, Precedence);
        compiler.Append(" BETWEEN ");
        compiler.Operand(low, Precedence);
        compiler.Append(" AND ");
        compiler.Operand(high, Precedence);
    }

    internal override void AddKey(KeyBuilder key) => key.Add(typeof(BetweenExpression)).Add(operand).Add(low).Add(high);

    internal override void CollectFroms(List<FromClause> froms) => operand.CollectFroms(froms);
}

/// <summary><c>x LIKE pattern [ESCAPE c]</c>, or its case-insensitive form per dialect.</summary>
internal sealed class LikeExpression(ColumnElement operand, ColumnElement pattern, bool caseInsensitive, char? escape) : ColumnElement
{
    internal override int Precedence => Precedences.Comparison;

    internal override void Compile(SqlCompiler compiler)
    {
        var ilike = caseInsensitive && compiler.Dialect.SupportsIlike;
        var lower = caseInsensitive && !ilike;
        compiler.Append(lower ? "lower(" : "");
        compiler.Operand(operand, lower ? Precedences.Ordering : Precedence);
        compiler.Append(lower ? ") LIKE lower(" : ilike ? " ILIKE " : " LIKE ");
        compiler.Operand(pattern, lower ? Precedences.Ordering : Precedence);
        compiler.Append(lower ? ")" : "");
        if (escape is { } c)
            compiler.Append(" ESCAPE '").Append(c).Append('\'');
    }

    internal override void AddKey(KeyBuilder key) => key.Add(typeof(LikeExpression)).Add(caseInsensitive).Add(escape).Add(operand).Add(pattern);

    internal override void CollectFroms(List<FromClause> froms) => operand.CollectFroms(froms);
}

/// <summary><c>expr AS name</c>.</summary>
internal sealed class LabelExpression(ColumnElement operand, string name) : ColumnElement
{
    public string Name => name;

    internal override int Precedence => Precedences.Ordering;

    internal override SqlType? ExpressionType => operand.ExpressionType;

    internal override Type? ValueType => operand.ValueType;

    internal override void Compile(SqlCompiler compiler)
    {
        if (compiler.Ordering != SqlCompiler.OrderingMode.None)
        {
            compiler.Identifier(name);
            return;
        }
        compiler.Operand(operand, Precedence);
        compiler.Append(" AS ").Identifier(name);
    }

    internal override void AddKey(KeyBuilder key) => key.Add(typeof(LabelExpression)).Add(name).Add(operand);

    internal override void CollectFroms(List<FromClause> froms) => operand.CollectFroms(froms);
}

/// <summary><c>CAST(expr AS type)</c>.</summary>
internal sealed class CastExpression(ColumnElement operand, SqlType type) : ColumnElement
{
    internal override SqlType? ExpressionType => type;

    internal override void Compile(SqlCompiler compiler)
    {
        compiler.Append("CAST(");
        operand.Compile(compiler);
        compiler.Append(" AS ").Append(compiler.Dialect.TypeName(type)).Append(')');
    }

    internal override void AddKey(KeyBuilder key) => key.Add(typeof(CastExpression)).Add(type).Add(operand);

    internal override void CollectFroms(List<FromClause> froms) => operand.CollectFroms(froms);
}

/// <summary><c>CASE WHEN c THEN v ... [ELSE e] END</c>.</summary>
internal sealed class CaseExpression((ColumnElement When, ColumnElement Then)[] whens, ColumnElement? otherwise) : ColumnElement
{
    internal override SqlType? ExpressionType => whens[0].Then.ExpressionType;

    internal override Type? ValueType => whens[0].Then.ValueType;

    internal override void Compile(SqlCompiler compiler)
    {
        compiler.Append("CASE");
        foreach (var (when, then) in whens)
        {
            compiler.Append(" WHEN ");
            when.Compile(compiler);
            compiler.Append(" THEN ");
            then.Compile(compiler);
        }
        if (otherwise is not null)
        {
            compiler.Append(" ELSE ");
            otherwise.Compile(compiler);
        }
        compiler.Append(" END");
    }

    internal override void AddKey(KeyBuilder key)
    {
        key.Add(typeof(CaseExpression)).Add(whens.Length);
        foreach (var (when, then) in whens)
            key.Add(when).Add(then);
        key.Add(otherwise);
    }

    internal override void CollectFroms(List<FromClause> froms)
    {
        foreach (var (when, then) in whens)
        {
            when.CollectFroms(froms);
            then.CollectFroms(froms);
        }
        otherwise?.CollectFroms(froms);
    }
}

/// <summary>Raw SQL used as a column, as written: <see cref="Expressions.LiteralColumn(string, SqlType?)"/>.</summary>
internal sealed class LiteralColumnExpression(string text, SqlType? type, bool readsOnly = false) : ColumnElement
{
    internal override SqlType? ExpressionType => type;

    internal override void Compile(SqlCompiler compiler)
    {
        // The compiler cannot see what raw SQL does, except the constants the expression language writes itself.
        if (!readsOnly)
            compiler.MayHaveEffects();
        compiler.Append(text);
    }

    internal override void AddKey(KeyBuilder key) => key.Add(typeof(LiteralColumnExpression)).Add(text).Add(type).Add(readsOnly);
}

/// <summary><c>(SELECT ...)</c> used as a value; correlated to the enclosing statement.</summary>
internal sealed class ScalarSubqueryExpression(SelectBase select) : ColumnElement
{
    internal override SqlType? ExpressionType => select.ResultColumns[0].ExpressionType;

    internal override Type? ValueType => select.ResultColumns[0].ValueType;

    internal override void Compile(SqlCompiler compiler)
    {
        compiler.Append('(');
        compiler.Nested(select, correlate: true);
        compiler.Append(')');
    }

    internal override void AddKey(KeyBuilder key) => key.Add(typeof(ScalarSubqueryExpression)).Add(select);
}

/// <summary><c>EXISTS (SELECT ...)</c>, correlated to the enclosing statement.</summary>
internal sealed class ExistsExpression(SelectBase select) : ColumnElement
{
    internal override SqlType? ExpressionType => SqlType.Boolean;

    internal override Type? ValueType => typeof(bool);

    internal override void Compile(SqlCompiler compiler)
    {
        compiler.Append("EXISTS (");
        compiler.Nested(select, correlate: true);
        compiler.Append(')');
    }

    internal override void AddKey(KeyBuilder key) => key.Add(typeof(ExistsExpression)).Add(select);
}
