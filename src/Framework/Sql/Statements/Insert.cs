namespace Framework.Sql;

/// <summary>
/// INSERT into a table. With <see cref="Values(object)"/> the values travel with the statement; without, the
/// caller passes them at execution (<c>conn.ExecuteAsync(t.Insert(), [new { name = "a" }, new { name = "b" }])</c>)
/// and the columns are the keys of the first set, as in SQLAlchemy.
/// </summary>
public sealed class Insert : Statement
{
    private readonly Table _table;
    private readonly (Column Column, ColumnElement Value)[]? _values;

    internal Insert(Table table, (Column, ColumnElement)[]? values = null)
    {
        _table = table;
        _values = values;
    }

    /// <summary>The values to insert, as an object with a property per column (<c>new { name = "x" }</c>) or a dictionary.</summary>
    public Insert Values(object values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var pairs = new List<(Column, ColumnElement)>();
        var compiled = new Compiled("", [.. ParameterValues.Keys(values)]);
        var all = ParameterValues.Collect(compiled, values);
        for (var i = 0; i < all.Length; i++)
            pairs.Add((ColumnOf(compiled.Names[i]), ColumnElement.Coerce(all[i])));
        return new Insert(_table, [.. pairs]);
    }

    private protected override string Variant(object? parameters) =>
        _values is null && parameters is not null ? string.Join('\0', ParameterValues.Keys(parameters)) : "";

    private protected override void Compile(SqlCompiler compiler, object? parameters)
    {
        compiler.Append("INSERT INTO ").Identifier(_table.Name).Append(" (");
        if (_values is not null)
        {
            for (var i = 0; i < _values.Length; i++)
                compiler.Append(i > 0 ? ", " : "").Identifier(_values[i].Column.Name);
            compiler.Append(") VALUES (");
            for (var i = 0; i < _values.Length; i++)
            {
                compiler.Append(i > 0 ? ", " : "");
                _values[i].Value.Compile(compiler);
            }
        }
        else
        {
            var columns = parameters is null ? [.. _table.C] : ParameterValues.Keys(parameters).Select(ColumnOf).ToArray();
            for (var i = 0; i < columns.Length; i++)
                compiler.Append(i > 0 ? ", " : "").Identifier(columns[i].Name);
            compiler.Append(") VALUES (");
            for (var i = 0; i < columns.Length; i++)
            {
                compiler.Append(i > 0 ? ", " : "");
                compiler.Parameter(columns[i].Name);
            }
        }
        compiler.Append(')');
    }

    private Column ColumnOf(string name) => _table.C.TryGet(name) ?? throw new ArgumentException(
        $"Table '{_table.Name}' has no column '{name}' to insert into. Its columns: {string.Join(", ", _table.C.Select(c => c.Name))}.");
}
