namespace Framework.Sql;

/// <summary>An ORDER BY term: <c>x [ASC|DESC] [NULLS FIRST|LAST]</c>.</summary>
public sealed class OrderingExpression : ColumnElement
{
    private readonly ColumnElement _operand;
    private readonly bool _descending;
    private readonly bool? _nullsFirst;

    internal OrderingExpression(ColumnElement operand, bool descending, bool? nulls)
    {
        _operand = operand;
        _descending = descending;
        _nullsFirst = nulls;
    }

    /// <summary>What it orders by.</summary>
    internal ColumnElement Operand => _operand;

    /// <summary>The same direction and NULLs placement for another term.</summary>
    internal OrderingExpression WithOperand(ColumnElement operand) => new(operand, _descending, _nullsFirst);

    /// <summary>The same order with NULLs first.</summary>
    public new OrderingExpression NullsFirst() => new(_operand, _descending, nulls: true);

    /// <summary>The same order with NULLs last.</summary>
    public new OrderingExpression NullsLast() => new(_operand, _descending, nulls: false);

    internal override int Precedence => Precedences.Ordering;

    internal override void Compile(SqlCompiler compiler)
    {
        compiler.Operand(_operand, Precedence);
        compiler.Append(_descending ? " DESC" : " ASC");
        if (_nullsFirst is { } first)
            compiler.Append(first ? " NULLS FIRST" : " NULLS LAST");
    }

    internal override void AddKey(KeyBuilder key) => key.Add(typeof(OrderingExpression)).Add(_descending).Add(_nullsFirst).Add(_operand);

    internal override void CollectFroms(List<FromClause> froms) => _operand.CollectFroms(froms);
}
