namespace Framework.Sql;

/// <summary>A value sent as a bound parameter, never as text in the SQL.</summary>
public sealed class BindParameter : ColumnElement
{
    internal BindParameter(object? value) => Value = value;

    /// <summary>The value.</summary>
    public object? Value { get; }

    internal override void Compile(SqlCompiler compiler) => compiler.Bind(this);
}

/// <summary><c>left op right</c>.</summary>
internal sealed class BinaryExpression(ColumnElement left, string op, ColumnElement right) : ColumnElement
{
    internal override int Precedence => Precedences.Comparison;

    internal override void Compile(SqlCompiler compiler)
    {
        compiler.Operand(left, Precedence);
        compiler.Append(' ').Append(op).Append(' ');
        compiler.Operand(right, Precedence);
    }

    internal override void CollectTables(List<Table> tables)
    {
        left.CollectTables(tables);
        right.CollectTables(tables);
    }
}

/// <summary>An operand with SQL before and after it: <c>NOT x</c>, <c>x IS NULL</c>, <c>x DESC</c>.</summary>
internal sealed class UnaryExpression(string prefix, ColumnElement operand, string suffix, int precedence) : ColumnElement
{
    internal override int Precedence => precedence;

    internal override void Compile(SqlCompiler compiler)
    {
        compiler.Append(prefix);
        compiler.Operand(operand, precedence);
        compiler.Append(suffix);
    }

    internal override void CollectTables(List<Table> tables) => operand.CollectTables(tables);
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

    internal override void CollectTables(List<Table> tables)
    {
        foreach (var clause in Clauses)
            clause.CollectTables(tables);
    }
}

/// <summary><c>x [NOT] IN (a, b, ...)</c>.</summary>
internal sealed class InExpression(ColumnElement operand, ColumnElement[] values, bool negated) : ColumnElement
{
    internal override int Precedence => Precedences.Comparison;

    internal override void Compile(SqlCompiler compiler)
    {
        if (values.Length == 0)
        {
            // Nothing is IN an empty list (and everything is NOT IN it); written so every database accepts it.
            compiler.Append(negated ? "1 = 1" : "1 != 1");
            return;
        }
        compiler.Operand(operand, Precedence);
        compiler.Append(negated ? " NOT IN (" : " IN (");
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
                compiler.Append(", ");
            values[i].Compile(compiler);
        }
        compiler.Append(')');
    }

    internal override void CollectTables(List<Table> tables) => operand.CollectTables(tables);
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

    internal override void CollectTables(List<Table> tables) => operand.CollectTables(tables);
}

/// <summary><c>x LIKE pattern [ESCAPE c]</c>, or its case-insensitive form per dialect.</summary>
internal sealed class LikeExpression(ColumnElement operand, ColumnElement pattern, bool caseInsensitive, char? escape) : ColumnElement
{
    internal override int Precedence => Precedences.Comparison;

    internal override void Compile(SqlCompiler compiler)
    {
        var ilike = caseInsensitive && compiler.Dialect.Name == "postgresql";
        var lower = caseInsensitive && !ilike;
        compiler.Append(lower ? "lower(" : "");
        compiler.Operand(operand, lower ? Precedences.Ordering : Precedence);
        compiler.Append(lower ? ") LIKE lower(" : ilike ? " ILIKE " : " LIKE ");
        compiler.Operand(pattern, lower ? Precedences.Ordering : Precedence);
        compiler.Append(lower ? ")" : "");
        if (escape is { } c)
            compiler.Append(" ESCAPE '").Append(c).Append('\'');
    }

    internal override void CollectTables(List<Table> tables) => operand.CollectTables(tables);
}

/// <summary><c>expr AS name</c>.</summary>
internal sealed class LabelExpression(ColumnElement operand, string name) : ColumnElement
{
    internal override int Precedence => Precedences.Ordering;

    internal override void Compile(SqlCompiler compiler)
    {
        compiler.Operand(operand, Precedence);
        compiler.Append(" AS ").Identifier(name);
    }

    internal override void CollectTables(List<Table> tables) => operand.CollectTables(tables);
}

/// <summary>A SQL function call: <c>name(args)</c>, or <c>count(*)</c>.</summary>
internal sealed class FunctionExpression(string name, ColumnElement[] arguments) : ColumnElement
{
    internal override void Compile(SqlCompiler compiler)
    {
        compiler.Append(name).Append('(');
        if (arguments.Length == 0 && name == "count")
            compiler.Append('*');
        for (var i = 0; i < arguments.Length; i++)
        {
            if (i > 0)
                compiler.Append(", ");
            arguments[i].Compile(compiler);
        }
        compiler.Append(')');
    }

    internal override void CollectTables(List<Table> tables)
    {
        foreach (var argument in arguments)
            argument.CollectTables(tables);
    }
}
