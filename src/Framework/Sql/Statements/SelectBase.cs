namespace Framework.Sql;

/// <summary>
/// What <see cref="Sql.Select"/> and <see cref="CompoundSelect"/> (UNION and friends) share: rows with columns,
/// usable as a subquery, a scalar value, an EXISTS test or a CTE, and combinable with set operations.
/// </summary>
public abstract class SelectBase : Statement
{
    private protected SelectBase()
    {
    }

    /// <summary>The statement as a FROM item: <c>(SELECT ...) AS name</c>; its columns are <c>sub.C["name"]</c>.</summary>
    public Subquery Subquery(string name)
    {
        Identifiers.Validate(name, "subquery");
        return new Subquery(this, name);
    }

    /// <summary>The statement as a common table expression, <c>WITH name AS (...)</c>; <paramref name="recursive"/> for WITH RECURSIVE.</summary>
    public Cte Cte(string name, bool recursive = false)
    {
        Identifiers.Validate(name, "CTE");
        return new Cte(this, name, recursive);
    }

    /// <summary>The statement as a value, <c>(SELECT ...)</c>: it should return one column of at most one row.</summary>
    public ColumnElement ScalarSubquery() => new ScalarSubqueryExpression(this);

    /// <summary><c>EXISTS (SELECT ...)</c>.</summary>
    public ColumnElement Exists() => new ExistsExpression(this);

    /// <summary><c>this UNION others</c>: the rows of all, duplicates removed.</summary>
    public CompoundSelect Union(params SelectBase[] others) => CompoundSelect.Of("UNION", [this, .. others]);

    /// <summary><c>this UNION ALL others</c>: the rows of all.</summary>
    public CompoundSelect UnionAll(params SelectBase[] others) => CompoundSelect.Of("UNION ALL", [this, .. others]);

    /// <summary><c>this INTERSECT others</c>: the rows in every one.</summary>
    public CompoundSelect Intersect(params SelectBase[] others) => CompoundSelect.Of("INTERSECT", [this, .. others]);

    /// <summary><c>this EXCEPT others</c>: the rows of this one in none of the others.</summary>
    public CompoundSelect Except(params SelectBase[] others) => CompoundSelect.Of("EXCEPT", [this, .. others]);

    /// <summary>The columns of its rows, in order.</summary>
    internal abstract IReadOnlyList<ColumnElement> ResultColumns { get; }

    /// <summary>Whether it carries ORDER BY, LIMIT, OFFSET or locking, which a member of a compound must keep to itself.</summary>
    internal abstract bool HasTail { get; }

    /// <summary>The result columns that have a name (a column's, or a label's), as a subquery exposes them.</summary>
    internal IEnumerable<(string Name, ColumnElement Element)> NamedColumns()
    {
        foreach (var column in ResultColumns)
        {
            switch (column)
            {
                case Column c:
                    yield return (c.Name, c);
                    break;
                case LabelExpression label:
                    yield return (label.Name, label);
                    break;
            }
        }
    }

    /// <summary>Writes the statement (without any WITH: CTEs are gathered at the top).</summary>
    internal abstract void CompileBody(SqlCompiler compiler);

    private protected override void Compile(SqlCompiler compiler, object? parameters)
    {
        compiler.ResultTypes = ResultColumns.Any(c => c.ValueType is not null) ? [.. ResultColumns.Select(c => c.ValueType)] : null;
        compiler.Query = true;
        if (OperationName is { } operation)
            compiler.Operation(operation);
        CompileBody(compiler);
    }

    /// <summary>What telemetry calls the statement; null when its SQL is the caller's text.</summary>
    private protected virtual string? OperationName => "SELECT";

    /// <summary>ORDER BY, LIMIT and OFFSET.</summary>
    private protected static void CompileTail(SqlCompiler compiler, ColumnElement[] orderBy, BindParameter? limit, BindParameter? offset, bool compound = false)
    {
        // A label is ordered by its name; a compound's rows have no table, so its columns are named bare.
        compiler.Ordering = compound ? SqlCompiler.OrderingMode.Compound : SqlCompiler.OrderingMode.Select;
        compiler.Clause(" ORDER BY ", orderBy);
        compiler.Ordering = SqlCompiler.OrderingMode.None;
        // Bound like any value, so paging through results reuses one compiled statement.
        if (limit is not null)
        {
            compiler.Append(" \nLIMIT ");
            limit.Compile(compiler);
        }
        if (offset is not null)
        {
            compiler.Append(limit is null ? compiler.OffsetWithoutLimit : " OFFSET ");
            offset.Compile(compiler);
        }
    }

    private protected static BindParameter CheckCount(int count, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count, name);
        return new BindParameter(count, SqlType.Integer);
    }
}
