namespace Framework.Sql;

/// <summary>
/// Literal SQL with declared result columns (<see cref="TextClause.Columns(Column[])"/>): its values are read as the
/// columns' .NET types, and it can be a subquery, CTE or member of a UNION like any SELECT.
/// </summary>
public sealed class TextualSelect : SelectBase
{
    private readonly TextClause _text;
    private readonly Column[] _columns;

    internal TextualSelect(TextClause text, Column[] columns)
    {
        _text = text;
        _columns = columns;
    }

    internal override IReadOnlyList<ColumnElement> ResultColumns => _columns;

    internal override bool HasTail => true;

    private protected override string? OperationName => null;

    // The columns count by name and type: the same text with the same columns declared anew is the same shape.
    internal override void AddKey(KeyBuilder key)
    {
        key.Add(typeof(TextualSelect)).Add(_text.Text).Add(_columns.Length);
        foreach (var column in _columns)
            key.Add(column.Name).Add(column.ClrType);
    }

    internal override void CompileBody(SqlCompiler compiler)
    {
        compiler.CorrelateNext = false;
        compiler.Text(_text.Text);
    }
}
