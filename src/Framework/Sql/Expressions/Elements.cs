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
    internal override void Compile(SqlCompiler compiler)
    {
        left.Compile(compiler);
        compiler.Append(' ').Append(op).Append(' ');
        right.Compile(compiler);
    }
}

/// <summary>An operand with SQL before and after it: <c>NOT x</c>, <c>x IS NULL</c>, <c>x DESC</c>.</summary>
internal sealed class UnaryExpression(string prefix, ColumnElement operand, string suffix) : ColumnElement
{
    internal override void Compile(SqlCompiler compiler)
    {
        compiler.Append(prefix);
        compiler.Nested(operand);
        compiler.Append(suffix);
    }
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
            compiler.Nested(Clauses[i]);
        }
    }
}
