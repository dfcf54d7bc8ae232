using System.Globalization;

namespace Framework.Sql;

/// <summary>
/// SELECT: columns or whole tables, FROM the tables they belong to, with WHERE, ORDER BY, LIMIT and OFFSET.
/// Start one with <see cref="Expressions.Select(object[])"/>; each method returns a new statement.
/// </summary>
public sealed class Select : Statement
{
    private readonly ColumnElement[] _columns;
    private readonly Table[] _froms;
    private readonly ColumnElement? _where;
    private readonly ColumnElement[] _orderBy;
    private readonly int? _limit;
    private readonly int? _offset;

    internal Select(ColumnElement[] columns, Table[] froms, ColumnElement? where = null, ColumnElement[]? orderBy = null, int? limit = null, int? offset = null)
    {
        _columns = columns;
        _froms = froms;
        _where = where;
        _orderBy = orderBy ?? [];
        _limit = limit;
        _offset = offset;
    }

    /// <summary>Adds a WHERE condition; several are joined with AND.</summary>
    public Select Where(ColumnElement condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return new(_columns, _froms, _where is null ? condition : _where & condition, _orderBy, _limit, _offset);
    }

    /// <summary>Adds ORDER BY terms (<c>col</c>, <c>col.Desc()</c>).</summary>
    public Select OrderBy(params ColumnElement[] terms) => new(_columns, _froms, _where, [.. _orderBy, .. terms], _limit, _offset);

    /// <summary>Returns at most <paramref name="count"/> rows.</summary>
    public Select Limit(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new(_columns, _froms, _where, _orderBy, count, _offset);
    }

    /// <summary>Skips the first <paramref name="count"/> rows.</summary>
    public Select Offset(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new(_columns, _froms, _where, _orderBy, _limit, count);
    }

    private protected override void Compile(SqlCompiler compiler, object? parameters)
    {
        compiler.Append("SELECT ");
        for (var i = 0; i < _columns.Length; i++)
        {
            if (i > 0)
                compiler.Append(", ");
            _columns[i].Compile(compiler);
        }
        // FROM: the tables named, then every table the columns and the WHERE read, as SQLAlchemy infers it.
        var froms = new List<Table>(_froms);
        foreach (var column in _columns)
            column.CollectTables(froms);
        _where?.CollectTables(froms);
        if (froms.Count == 0)
            throw new InvalidOperationException("This SELECT reads no table: select a table or one of its columns.");
        compiler.Append(" \nFROM ");
        for (var i = 0; i < froms.Count; i++)
        {
            if (i > 0)
                compiler.Append(", ");
            compiler.Identifier(froms[i].Name);
        }
        if (_where is not null)
        {
            compiler.Append(" \nWHERE ");
            _where.Compile(compiler);
        }
        for (var i = 0; i < _orderBy.Length; i++)
        {
            compiler.Append(i == 0 ? " ORDER BY " : ", ");
            _orderBy[i].Compile(compiler);
        }
        // Limits are part of the shape, as SQLAlchemy renders them; they are small integers, never user text.
        if (_limit is { } limit)
            compiler.Append(" \nLIMIT ").Append(limit.ToString(CultureInfo.InvariantCulture));
        if (_offset is { } offset)
            compiler.Append(_limit is null && compiler.Dialect.Name == "sqlite" ? " \nLIMIT -1" : "").Append(" OFFSET ").Append(offset.ToString(CultureInfo.InvariantCulture));
    }
}
