namespace Framework.Sql;

/// <summary>
/// SELECT: columns or whole tables, FROM the tables they read (or explicit joins), with WHERE, GROUP BY, HAVING,
/// ORDER BY, LIMIT, OFFSET, DISTINCT and FOR UPDATE. Start one with <see cref="Expressions.Select(object[])"/>; each
/// method returns a new statement.
/// </summary>
public sealed class Select : SelectBase
{
    private readonly SelectState _state;

    internal Select(ColumnElement[] columns, FromClause[] froms) => _state = new SelectState(columns, froms);

    private Select(SelectState state) => _state = state;

    /// <summary>Adds a WHERE condition; several are joined with AND.</summary>
    public Select Where(ColumnElement condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return new(_state with { Where = _state.Where is null ? condition : _state.Where & condition });
    }

    /// <summary>The same SELECT with other result columns (an ORM query's loader options choose them).</summary>
    internal Select WithColumns(ColumnElement[] columns) => new(_state with { Columns = columns });

    /// <summary>Reads from <paramref name="from"/> even when no column names it (<c>Select(Func.Count()).SelectFrom(t)</c>).</summary>
    public Select SelectFrom(FromClause from)
    {
        ArgumentNullException.ThrowIfNull(from);
        return new(_state with { Froms = [.. _state.Froms, from] });
    }

    /// <summary>
    /// INNER JOIN <paramref name="target"/> ON <paramref name="on"/>; without a condition, the one foreign key between
    /// it (or the table it aliases) and the tables already selected from gives it.
    /// </summary>
    public Select Join(FromClause target, ColumnElement? on = null) => AddJoin(target, on, "JOIN");

    /// <summary>LEFT OUTER JOIN: rows of the left side without a match keep NULLs for <paramref name="target"/>.</summary>
    public Select OuterJoin(FromClause target, ColumnElement? on = null) => AddJoin(target, on, "LEFT OUTER JOIN");

    /// <summary>FULL OUTER JOIN: unmatched rows of both sides are kept.</summary>
    public Select FullJoin(FromClause target, ColumnElement? on = null) => AddJoin(target, on, "FULL OUTER JOIN");

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

    /// <summary>Adds ORDER BY terms (<c>col</c>, <c>col.Desc()</c>, <c>col.Asc().NullsLast()</c>).</summary>
    public Select OrderBy(params ColumnElement[] terms) => new(_state with { OrderBy = [.. _state.OrderBy, .. terms] });

    /// <summary>Returns at most <paramref name="count"/> rows.</summary>
    public Select Limit(int count) => new(_state with { Limit = CheckCount(count, nameof(count)) });

    /// <summary>Skips the first <paramref name="count"/> rows.</summary>
    public Select Offset(int count) => new(_state with { Offset = CheckCount(count, nameof(count)) });

    /// <summary>
    /// Locks the rows read until the transaction ends: <c>FOR UPDATE</c>, or <c>FOR SHARE</c> with
    /// <paramref name="read"/>. <paramref name="noWait"/> fails at once on a locked row and <paramref name="skipLocked"/>
    /// skips locked rows (PostgreSQL). SQLite locks the whole database on write, so there the clause is left out,
    /// as SQLAlchemy does; NOWAIT and SKIP LOCKED, which would change what the statement does, are refused there.
    /// </summary>
    public Select ForUpdate(bool noWait = false, bool skipLocked = false, bool read = false)
    {
        if (noWait && skipLocked)
            throw new ArgumentException("NOWAIT and SKIP LOCKED exclude each other: choose one.", nameof(skipLocked));
        return new(_state with { Lock = (read ? "SHARE" : "UPDATE") + (noWait ? " NOWAIT" : skipLocked ? " SKIP LOCKED" : "") });
    }

    internal override IReadOnlyList<ColumnElement> ResultColumns => _state.Columns;

    /// <summary>Its ORDER BY terms.</summary>
    internal ColumnElement[] Ordering => _state.OrderBy;

    /// <summary>Whether it has a LIMIT or an OFFSET.</summary>
    internal bool LimitsRows => _state.Limit is not null || _state.Offset is not null;

    /// <summary>Whether it locks the rows it reads (FOR UPDATE, FOR SHARE).</summary>
    internal bool LocksRows => _state.Lock is not null;

    internal override bool HasTail => _state.OrderBy.Length > 0 || _state.Limit is not null || _state.Offset is not null || _state.Lock is not null;

    private Select AddJoin(FromClause target, ColumnElement? on, string kind)
    {
        ArgumentNullException.ThrowIfNull(target);
        // Its own columns may already be selected; what it joins to is every other table read so far.
        var left = Froms();
        left.Remove(target);
        if (left.Count == 0 || _state.Joins.Any(j => j.Target == target))
        {
            throw new ArgumentException(left.Count == 0
                ? $"There is nothing to join {Identifiers.Quoted(target.Name)} to: select from another table first."
                : $"{Identifiers.Quoted(target.Name)} is already joined in this SELECT; to read a table twice, join an alias of it: table.Alias(\"name\").", nameof(target));
        }
        return new(_state with { Joins = [.. _state.Joins, (target, on ?? InferOn(left, target), kind)] });
    }

    /// <summary>The one foreign key between <paramref name="right"/> and the FROM items on the left, as an equality.</summary>
    private static ColumnElement InferOn(List<FromClause> left, FromClause right)
    {
        var links = new List<ColumnElement>();
        if (right.BaseTable is { } rightTable)
        {
            foreach (var from in left)
            {
                if (from.BaseTable is not { } table)
                    continue;
                foreach (var foreignKey in rightTable.ForeignKeys.Where(fk => fk.TargetTable == table.Name))
                    links.Add(right.C[foreignKey.Parent.Name] == from.C[foreignKey.Resolve(rightTable.MetaData).Name]);
                foreach (var foreignKey in table.ForeignKeys.Where(fk => fk.TargetTable == rightTable.Name && !ReferenceEquals(table, rightTable)))
                    links.Add(from.C[foreignKey.Parent.Name] == right.C[foreignKey.Resolve(table.MetaData).Name]);
            }
        }
        return links.Count == 1 ? links[0] : throw new ArgumentException(links.Count == 0
            ? $"No foreign key links {Identifiers.Quoted(right.Name)} with {string.Join(", ", left.Select(t => Identifiers.Quoted(t.Name)))}: give the join its condition, Join(target, on: ...)."
            : $"More than one foreign key links {Identifiers.Quoted(right.Name)} with the tables selected: say which, Join(target, on: ...).", nameof(right));
    }

    /// <summary>The FROM items read, in order: those named, then every one the columns and the WHERE read, then the joined ones.</summary>
    private List<FromClause> Froms()
    {
        var froms = new List<FromClause>(_state.Froms);
        foreach (var column in _state.Columns)
            column.CollectFroms(froms);
        _state.Where?.CollectFroms(froms);
        foreach (var (target, _, _) in _state.Joins)
            ClauseElement.AddFrom(froms, target);
        return froms;
    }

    internal override void AddKey(KeyBuilder key)
    {
        key.Add(typeof(Select)).Add(_state.Columns).Add(_state.Froms).Add(_state.Where).Add(_state.Joins.Length);
        foreach (var (target, on, kind) in _state.Joins)
            key.Add(kind).Add(target).Add(on);
        key.Add(_state.GroupBy).Add(_state.Having).Add(_state.OrderBy).Add(_state.Limit).Add(_state.Offset).Add(_state.Distinct).Add(_state.Lock);
        // The FROM items found in the columns and WHERE are written in full: a subquery's or alias's body is part of the shape.
        key.Add(Froms());
    }

    internal override void CompileBody(SqlCompiler compiler)
    {
        var all = Froms();
        // A joined item appears in its join only; the first other item carries the joins.
        var joined = _state.Joins.Select(j => j.Target).ToHashSet();
        var froms = compiler.Correlate(all.Where(f => !joined.Contains(f)).ToList());
        // A SELECT of values alone (Select(Func.Now()), Select(Literal(1))) has no FROM, as SQLAlchemy's select(func.now()).
        // A join always has a table on its left (AddJoin checks), so FROM items are missing only when there are none.
        compiler.Enclosing(all, c => CompileClauses(c, froms));
    }

    private void CompileClauses(SqlCompiler compiler, List<FromClause> froms)
    {
        compiler.Append(_state.Distinct ? "SELECT DISTINCT " : "SELECT ");
        compiler.List(_state.Columns);
        if (froms.Count > 0)
            compiler.Append(" \nFROM ");
        for (var i = 0; i < froms.Count; i++)
        {
            compiler.Append(i > 0 ? ", " : "");
            froms[i].CompileFrom(compiler);
            if (i > 0)
                continue;
            foreach (var (target, on, kind) in _state.Joins)
            {
                compiler.Append(' ').Append(kind).Append(' ');
                target.CompileFrom(compiler);
                compiler.Append(" ON ");
                on.Compile(compiler);
            }
        }
        compiler.Clause(" \nWHERE ", _state.Where);
        compiler.Clause(" GROUP BY ", _state.GroupBy);
        compiler.Clause(" \nHAVING ", _state.Having);
        CompileTail(compiler, _state.OrderBy, _state.Limit, _state.Offset);
        if (_state.Lock is { } lockMode)
        {
            compiler.LocksRows();
            compiler.RowLock(lockMode);
        }
    }
}

/// <summary>The parts of a SELECT; each builder method copies it with one part changed.</summary>
internal sealed record SelectState(ColumnElement[] Columns, FromClause[] Froms)
{
    public ColumnElement? Where { get; init; }

    public (FromClause Target, ColumnElement On, string Kind)[] Joins { get; init; } = [];

    public ColumnElement[] GroupBy { get; init; } = [];

    public ColumnElement? Having { get; init; }

    public ColumnElement[] OrderBy { get; init; } = [];

    public BindParameter? Limit { get; init; }

    public BindParameter? Offset { get; init; }

    public bool Distinct { get; init; }

    public string? Lock { get; init; }
}
