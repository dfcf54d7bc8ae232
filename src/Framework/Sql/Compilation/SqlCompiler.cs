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

    /// <summary>A value bound from the statement itself, under a name no other parameter of the statement has.</summary>
    public void Bind(BindParameter parameter)
    {
        var number = _binds.Count(b => b is not null) + 1;
        var name = $"param_{number}";
        while (_names.Contains(name))
            name = $"param_{++number}";
        Parameter(name, parameter);
    }

    /// <summary>A value the caller passes at execution, by name (<c>:name</c>).</summary>
    public void Parameter(string name) => Parameter(name, null);

    /// <summary>Compiles an operand of an operator of precedence <paramref name="precedence"/>, in parentheses when it binds no tighter.</summary>
    public void Operand(ColumnElement element, int precedence)
    {
        var group = element.Precedence <= precedence;
        if (group)
            Append('(');
        element.Compile(this);
        if (group)
            Append(')');
    }

    /// <summary>Items separated by commas.</summary>
    public void List(IReadOnlyList<ColumnElement> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
                Append(", ");
            items[i].Compile(this);
        }
    }

    /// <summary><paramref name="keyword"/> and the element, when there is one (WHERE, HAVING).</summary>
    public void Clause(string keyword, ColumnElement? element)
    {
        if (element is null)
            return;
        Append(keyword);
        element.Compile(this);
    }

    /// <summary><paramref name="keyword"/> and the items, when there are any (GROUP BY, ORDER BY, RETURNING).</summary>
    public void Clause(string keyword, IReadOnlyList<ColumnElement> items)
    {
        if (items.Count == 0)
            return;
        Append(keyword);
        List(items);
    }

    public Compiled Finish() => new(_sql.ToString(), [.. _names], [.. _binds]);

    private void Parameter(string name, BindParameter? bound)
    {
        // A caller's parameter used twice shares its slot; a statement's own values never share one.
        var position = -1;
        for (var i = 0; bound is null && i < _names.Count; i++)
        {
            if (_names[i] == name && _binds[i] is null)
            {
                position = i;
                break;
            }
        }
        if (position < 0)
        {
            position = _names.Count;
            _names.Add(name);
            _binds.Add(bound);
        }
        Append(dialect.BindMarker(position, name));
    }
}
