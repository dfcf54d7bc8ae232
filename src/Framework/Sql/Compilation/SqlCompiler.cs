using System.Text;

namespace Framework.Sql;

/// <summary>
/// Turns one statement into SQL for one dialect: writes the text, quotes identifiers, and numbers bound
/// parameters. Statements call back into it (<see cref="ClauseElement"/>'s Compile); dialects differ only in the
/// hooks <see cref="Dialect"/> exposes.
/// </summary>
internal sealed class SqlCompiler(Dialect dialect)
{
    private readonly StringBuilder _sql = new();
    private readonly List<string> _names = [];
    private readonly List<BindParameter?> _binds = [];

    public Dialect Dialect => dialect;

    public SqlCompiler Append(string text)
    {
        _sql.Append(text);
        return this;
    }

    public SqlCompiler Append(char c)
    {
        _sql.Append(c);
        return this;
    }

    public SqlCompiler Identifier(string name) => Append(Identifiers.Quote(name));

    public void Column(Column column)
    {
        if (column.Table is { } table)
            Identifier(table.Name).Append('.');
        Identifier(column.Name);
    }

    /// <summary>A value bound from the statement itself.</summary>
    public void Bind(BindParameter parameter) => Parameter($"param_{_binds.Count(b => b is not null) + 1}", parameter);

    /// <summary>A value the caller passes at execution, by name (<c>:name</c>).</summary>
    public void Parameter(string name) => Parameter(name, null);

    /// <summary>Compiles <paramref name="element"/>, in parentheses when it is a list of conditions.</summary>
    public void Nested(ColumnElement element)
    {
        var group = element is BooleanClauseList;
        if (group)
            Append('(');
        element.Compile(this);
        if (group)
            Append(')');
    }

    public Compiled Finish() => new(_sql.ToString(), [.. _names], [.. _binds]);

    private void Parameter(string name, BindParameter? bound)
    {
        var position = bound is null ? _names.IndexOf(name) : -1;
        if (position < 0)
        {
            position = _names.Count;
            _names.Add(name);
            _binds.Add(bound);
        }
        Append(dialect.BindMarker(position, name));
    }
}
