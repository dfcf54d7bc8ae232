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

    private protected DmlStatement WithValues(object values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var names = ParameterValues.Keys(values).ToArray();
        var given = ParameterValues.Collect(new Compiled("", names), values);
        var pairs = new (Column, ColumnElement)[names.Length];
        for (var i = 0; i < names.Length; i++)
            pairs[i] = (ColumnOf(names[i]), ColumnElement.Coerce(given[i]));
        return With(State with { Values = pairs });
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
        if (State.Values is not null || sets.Count < 2)
            return;
        var first = ParameterValues.Keys(sets[0]).ToHashSet(StringComparer.Ordinal);
        for (var i = 1; i < sets.Count; i++)
        {
            var keys = ParameterValues.Keys(sets[i]).ToHashSet(StringComparer.Ordinal);
            if (!keys.SetEquals(first))
            {
                throw new ArgumentException(
                    $"Parameter set {i + 1} has the keys ({string.Join(", ", keys.Order(StringComparer.Ordinal))}) but the first has " +
                    $"({string.Join(", ", first.Order(StringComparer.Ordinal))}): this statement takes its columns from the first set, so every set needs the same keys.",
                    "parameters");
            }
        }
    }

    // The SQL changes with the caller's keys only when the statement carries no values of its own.
    private protected override string Variant(object? parameters) =>
        State.Values is null && parameters is not null ? string.Join('\0', ParameterValues.Keys(parameters)) : "";

    /// <summary>The columns set, with their values: the statement's own, or parameters named after the caller's keys.</summary>
    private protected IReadOnlyList<(Column Column, ColumnElement? Value)> Assignments(object? parameters, IEnumerable<Column> whenNoKeys)
    {
        if (State.Values is { } values)
            return [.. values.Select(v => (v.Column, (ColumnElement?)v.Value))];
        var columns = parameters is null ? whenNoKeys : ParameterValues.Keys(parameters).Select(ColumnOf);
        return [.. columns.Select(c => (c, (ColumnElement?)null))];
    }

    private protected static void Value(SqlCompiler compiler, (Column Column, ColumnElement? Value) assignment)
    {
        if (assignment.Value is { } value)
            value.Compile(compiler);
        else
            compiler.Parameter(assignment.Column.Name);
    }

    private protected void CompileWhere(SqlCompiler compiler) => compiler.Clause(" WHERE ", State.Where);

    private protected void CompileReturning(SqlCompiler compiler)
    {
        if (State.Returning.Length > 0 && !compiler.Dialect.SupportsReturning)
            throw new NotSupportedException($"{compiler.Dialect.Name} has no RETURNING; run a SELECT after the statement instead.");
        compiler.Clause(" RETURNING ", State.Returning);
    }

    private protected Column ColumnOf(string name) => Table.C.TryGet(name) ?? throw new ArgumentException(
        $"Table '{Table.Name}' has no column '{name}'. Its columns: {string.Join(", ", Table.C.Select(c => c.Name))}.");
}

/// <summary>The parts of a DML statement; each builder method copies it with one part changed.</summary>
internal sealed record DmlState(Table Table, (Column Column, ColumnElement Value)[]? Values, ColumnElement? Where, ColumnElement[] Returning)
{
    public DmlState(Table table) : this(table, null, null, [])
    {
    }
}
