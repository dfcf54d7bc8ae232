using System.Globalization;

namespace Framework.Sql;

/// <summary>
/// SELECT: columns or whole tables, FROM the tables they read (or explicit joins), with WHERE, GROUP BY, HAVING,
/// ORDER BY, LIMIT, OFFSET and DISTINCT. Start one with <see cref="Expressions.Select(object[])"/>; each method
/// returns a new statement.
/// </summary>
public sealed class Select : Statement
{
    private readonly SelectState _state;

    internal Select(ColumnElement[] columns, Table[] froms) => _state = new SelectState(columns, froms);

    private Select(SelectState state) => _state = state;

    /// <summary>Adds a WHERE condition; several are joined with AND.</summary>
    public Select Where(ColumnElement condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return new(_state with { Where = _state.Where is null ? condition : _state.Where & condition });
    }

    /// <summary>
    /// INNER JOIN <paramref name="table"/> ON <paramref name="on"/>; without a condition, the one foreign key between
    /// it and the tables already selected from gives it.
    /// </summary>
    public Select Join(Table table, ColumnElement? on = null) => AddJoin(table, on, "JOIN");

    /// <summary>LEFT OUTER JOIN: rows of the left side without a match keep NULLs for <paramref name="table"/>.</summary>
    public Select OuterJoin(Table table, ColumnElement? on = null) => AddJoin(table, on, "LEFT OUTER JOIN");

    /// <summary>FULL OUTER JOIN: unmatched rows of both sides are kept.</summary>
    public Select FullJoin(Table table, ColumnElement? on = null) => AddJoin(table, on, "FULL OUTER JOIN");

    /// <summary>Adds GROUP BY terms.</summary>
    public Select GroupBy(params ColumnElement[] terms) => new(_state with { GroupBy = [.. _state.GroupBy, .. terms] });

    /// <summary>Adds a HAVING condition; several are joined with AND.</summary>
    public Select Having(ColumnElement condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return new(_state with { Having = _state.Having is null ? condition : _state.Having & condition });
    }

    /// <summary>SELECT DISTINCT.</summary>
    public Select Distinct() => new(_state with { Distinct = true });

    /// <summary>Adds ORDER BY terms (<c>col</c>, <c>col.Desc()</c>).</summary>
    public Select OrderBy(params ColumnElement[] terms) => new(_state with { OrderBy = [.. _state.OrderBy, .. terms] });

    /// <summary>Returns at most <paramref name="count"/> rows.</summary>
    public Select Limit(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new(_state with { Limit = count });
    }

    /// <summary>Skips the first <paramref name="count"/> rows.</summary>
    public Select Offset(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new(_state with { Offset = count });
    }

    private Select AddJoin(Table table, ColumnElement? on, string kind)
    {
        ArgumentNullException.ThrowIfNull(table);
        // Its own columns may already be selected; what it joins to is every other table read so far.
        var left = Froms();
        left.Remove(table);
        if (left.Count == 0 || _state.Joins.Any(j => j.Table == table))
        {
            throw new ArgumentException(left.Count == 0
                ? $"There is nothing to join '{table.Name}' to: select from another table first."
                : $"Table '{table.Name}' is already joined in this SELECT; join another table, or an alias (coming).", nameof(table));
        }
        return new(_state with { Joins = [.. _state.Joins, (table, on ?? InferOn(left, table), kind)] });
    }

    /// <summary>The one foreign key between <paramref name="right"/> and the tables on the left, as an equality.</summary>
    private static ColumnElement InferOn(List<Table> left, Table right)
    {
        var links = new List<ColumnElement>();
        foreach (var table in left)
        {
            foreach (var foreignKey in right.ForeignKeys.Where(fk => fk.TargetTable == table.Name))
                links.Add(foreignKey.Parent == foreignKey.Resolve(right.MetaData));
            foreach (var foreignKey in table.ForeignKeys.Where(fk => fk.TargetTable == right.Name))
                links.Add(foreignKey.Parent == foreignKey.Resolve(table.MetaData));
        }
        return links.Count == 1 ? links[0] : throw new ArgumentException(links.Count == 0
            ? $"No foreign key links '{right.Name}' with {string.Join(", ", left.Select(t => $"'{t.Name}'"))}: give the join its condition, Join(table, on: ...)."
            : $"More than one foreign key links '{right.Name}' with the tables selected: say which, Join(table, on: ...).", nameof(right));
    }

    /// <summary>The tables read, in order: those named, then every table the columns and the WHERE read.</summary>
    private List<Table> Froms()
    {
        var froms = new List<Table>(_state.Froms);
        foreach (var column in _state.Columns)
            column.CollectTables(froms);
        _state.Where?.CollectTables(froms);
        foreach (var (table, _, _) in _state.Joins)
            ClauseElement.AddTable(froms, table);
        return froms;
    }

    private protected override void Compile(SqlCompiler compiler, object? parameters)
    {
        compiler.Append(_state.Distinct ? "SELECT DISTINCT " : "SELECT ");
        compiler.List(_state.Columns);

        // A joined table appears in its join only; the first other table carries the joins.
        var joined = _state.Joins.Select(j => j.Table).ToHashSet();
        var froms = Froms().Where(t => !joined.Contains(t)).ToList();
        if (froms.Count == 0)
            throw new InvalidOperationException("This SELECT reads no table: select a table or one of its columns.");
        compiler.Append(" \nFROM ");
        for (var i = 0; i < froms.Count; i++)
        {
            compiler.Append(i > 0 ? ", " : "").Identifier(froms[i].Name);
            if (i > 0)
                continue;
            foreach (var (table, on, kind) in _state.Joins)
            {
                compiler.Append(' ').Append(kind).Append(' ').Identifier(table.Name).Append(" ON ");
                on.Compile(compiler);
            }
        }
        compiler.Clause(" \nWHERE ", _state.Where);
        compiler.Clause(" GROUP BY ", _state.GroupBy);
        compiler.Clause(" \nHAVING ", _state.Having);
        compiler.Clause(" ORDER BY ", _state.OrderBy);
        // Limits are part of the shape, as SQLAlchemy renders them; they are integers, never user text.
        if (_state.Limit is { } limit)
            compiler.Append(" \nLIMIT ").Append(limit.ToString(CultureInfo.InvariantCulture));
        if (_state.Offset is { } offset)
            compiler.Append(_state.Limit is null && compiler.Dialect.Name == "sqlite" ? " \nLIMIT -1" : "").Append(" OFFSET ").Append(offset.ToString(CultureInfo.InvariantCulture));
    }
}

/// <summary>The parts of a SELECT; each builder method copies it with one part changed.</summary>
internal sealed record SelectState(ColumnElement[] Columns, Table[] Froms)
{
    public ColumnElement? Where { get; init; }

    public (Table Table, ColumnElement On, string Kind)[] Joins { get; init; } = [];

    public ColumnElement[] GroupBy { get; init; } = [];

    public ColumnElement? Having { get; init; }

    public ColumnElement[] OrderBy { get; init; } = [];

    public int? Limit { get; init; }

    public int? Offset { get; init; }

    public bool Distinct { get; init; }
}
