using System.Collections;

namespace Framework.Sql;

/// <summary>
/// What INSERT, UPDATE and DELETE share: the table, the values (from the statement, or by name from the caller at
/// execution), a WHERE for UPDATE and DELETE, and RETURNING.
/// </summary>
public abstract class DmlStatement : Statement
{
    private protected DmlStatement(DmlState state) => State = state;

    private protected DmlState State { get; }

    /// <summary>The table changed.</summary>
    public Table Table => State.Table;

    private protected abstract DmlStatement With(DmlState state);

    private protected DmlStatement WithValues(object values, bool manyRows)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (manyRows && values is IEnumerable rows && values is not IDictionary and not IReadOnlyDictionary<string, object?> and not string)
        {
            var list = rows.Cast<object>().ToList();
            if (list.Count == 0)
                throw new ArgumentException("Values needs at least one row.", nameof(values));
            var columns = ParameterValues.Keys(list[0]).Select(ColumnOf).ToArray();
            var keys = columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            var converted = new ColumnElement[list.Count][];
            for (var r = 0; r < list.Count; r++)
            {
                if (!ParameterValues.Keys(list[r]).ToHashSet(StringComparer.Ordinal).SetEquals(keys))
                    throw new ArgumentException($"Row {r + 1} of Values names other columns than the first row; every row needs the same keys.", nameof(values));
                converted[r] = Row(columns, list[r]);
            }
            return With(State with { Columns = columns, Rows = converted });
        }
        var names = ParameterValues.Keys(values).Select(ColumnOf).ToArray();
        return With(State with { Columns = names, Rows = [Row(names, values)] });
    }

    private static ColumnElement[] Row(Column[] columns, object values)
    {
        var given = ParameterValues.Collect(new Compiled("", [.. columns.Select(c => c.Name)]), [], values);
        var row = new ColumnElement[columns.Length];
        for (var i = 0; i < row.Length; i++)
            row[i] = ColumnElement.Coerce(given[i], columns[i].Type);
        return row;
    }

    private protected DmlStatement WithWhere(ColumnElement condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return With(State with { Where = State.Where is null ? condition : State.Where & condition });
    }

    private protected DmlStatement WithReturning(ColumnElement[] columns)
    {
        if (!columns.Any())
            columns = [.. Table.C];
        return With(State with { Returning = [.. State.Returning, .. columns] });
    }

    internal override void CheckParameterSets(IReadOnlyList<object> sets)
    {
        base.CheckParameterSets(sets);
        if (State.Rows is not null || sets.Count < 2)
            return;
        var firstSet = sets[0];
        var first = ParameterValues.Keys(firstSet).ToHashSet(StringComparer.Ordinal);
        // Objects of the first set's type offer its keys (its public properties): an executemany of 10,000 rows of one
        // anonymous type compares nothing. A dictionary is compared without building a set of its keys.
        var firstType = firstSet is IDictionary or IReadOnlyDictionary<string, object?> ? null : firstSet.GetType();
        for (var i = 1; i < sets.Count; i++)
        {
            var set = sets[i];
            if (set is not null && set.GetType() == firstType)
                continue;
            if (set is IReadOnlyDictionary<string, object?> map && map.Count == first.Count && map.Keys.All(first.Contains))
                continue;
            var keys = ParameterValues.Keys(set!).ToHashSet(StringComparer.Ordinal);
            if (!keys.SetEquals(first))
            {
                throw new ArgumentException(
                    $"Parameter set {i + 1} has the keys ({string.Join(", ", keys.Order(StringComparer.Ordinal))}) but the first has " +
                    $"({string.Join(", ", first.Order(StringComparer.Ordinal))}): this statement takes its columns from the first set, so every set needs the same keys.",
                    "parameters");
            }
        }
    }

    internal override void AddKey(KeyBuilder key)
    {
        key.Add(GetType()).Add(Table).Add(State.Columns?.Length);
        foreach (var column in State.Columns ?? [])
            key.Add(column);
        key.Add(State.Rows?.Length);
        foreach (var row in State.Rows ?? [])
            key.Add(row);
        key.Add(State.Where).Add(State.Returning).Add(State.FromSelect);
        if (State.Conflict is { } conflict)
        {
            key.Add(conflict.Target.Length);
            foreach (var column in conflict.Target)
                key.Add(column);
            key.Add(conflict.Set?.Length);
            foreach (var (column, value) in conflict.Set ?? [])
                key.Add(column).Add(value);
            key.Add(conflict.Where);
        }
    }

    // The SQL changes with the caller's keys only when the statement carries no values of its own.
    private protected override string Variant(object? parameters) =>
        State.Rows is null && State.FromSelect is null && parameters is not null ? string.Join('\0', ParameterValues.Keys(parameters)) : "";

    /// <summary>The columns set: the statement's own, or those named by the caller's keys, or <paramref name="whenNoKeys"/>.</summary>
    private protected IReadOnlyList<Column> AssignedColumns(object? parameters, IEnumerable<Column> whenNoKeys) =>
        State.Columns ?? [.. parameters is null ? whenNoKeys : ParameterValues.Keys(parameters).Select(ColumnOf)];

    /// <summary>The value of column <paramref name="index"/> in row <paramref name="row"/>: the statement's, or the caller's by name.</summary>
    private protected void Value(SqlCompiler compiler, Column column, int index, int row)
    {
        if (State.Rows is { } rows)
            rows[row][index].Compile(compiler);
        else
            compiler.Parameter(column.Name, column.Type, row);
    }

    /// <summary>The FROM items the statement reads besides its table (UPDATE … FROM, DELETE … USING).</summary>
    private protected List<FromClause> ExtraFroms(IEnumerable<ColumnElement> values)
    {
        var froms = new List<FromClause>();
        foreach (var value in values)
            value.CollectFroms(froms);
        State.Where?.CollectFroms(froms);
        froms.Remove(Table);
        return froms;
    }

    private protected void CompileWhere(SqlCompiler compiler) => compiler.Clause(" WHERE ", State.Where);

    private protected void CompileReturning(SqlCompiler compiler)
    {
        if (State.Returning.Length == 0)
            return;
        if (!compiler.Dialect.SupportsReturning)
            throw new NotSupportedException($"{compiler.Dialect.Name} has no RETURNING; run a SELECT after the statement instead.");
        compiler.ResultTypes = State.Returning.Any(c => c.ValueType is not null) ? [.. State.Returning.Select(c => c.ValueType)] : null;
        compiler.Clause(" RETURNING ", State.Returning);
    }

    private protected Column ColumnOf(string name) => Table.C.TryGet(name) ?? throw new ArgumentException(
        $"Table {Identifiers.Quoted(Table.Name)} has no column {Identifiers.Quoted(name)}. Its columns: {Identifiers.Shortened(Table.C.Select(c => c.Name))}.");
}

/// <summary>The parts of a DML statement; each builder method copies it with one part changed.</summary>
internal sealed record DmlState(Table Table)
{
    /// <summary>The columns the statement's own values set, when it carries values.</summary>
    public Column[]? Columns { get; init; }

    /// <summary>The statement's own values, per row (UPDATE has one).</summary>
    public ColumnElement[][]? Rows { get; init; }

    public ColumnElement? Where { get; init; }

    public ColumnElement[] Returning { get; init; } = [];

    /// <summary>INSERT … SELECT: the SELECT whose rows are inserted into <see cref="Columns"/>.</summary>
    public SelectBase? FromSelect { get; init; }

    public OnConflict? Conflict { get; init; }
}

/// <summary>An upsert's ON CONFLICT: the unique columns, and DO NOTHING (no <see cref="Set"/>) or DO UPDATE SET.</summary>
internal sealed record OnConflict(Column[] Target, (Column Column, ColumnElement Value)[]? Set, ColumnElement? Where);
