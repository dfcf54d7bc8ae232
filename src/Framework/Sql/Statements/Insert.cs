using System.Diagnostics.CodeAnalysis;

namespace Framework.Sql;

/// <summary>
/// INSERT into a table. With <see cref="Values(object)"/> the values travel with the statement (one row, or a
/// list of rows); without, the caller passes them at execution
/// (<c>conn.ExecuteAsync(t.Insert(), [new { name = "a" }, new { name = "b" }])</c>) and the columns are the keys of
/// the first set, as in SQLAlchemy. Columns with a client-side default that are not given get it.
/// </summary>
public sealed class Insert : DmlStatement
{
    internal Insert(Table table) : base(new DmlState(table))
    {
    }

    private Insert(DmlState state) : base(state)
    {
    }

    /// <summary>
    /// The values to insert: an object with a property per column (<c>new { name = "x" }</c>) or a dictionary for
    /// one row, or a list of them for a multi-row <c>VALUES (...), (...)</c>.
    /// </summary>
    public Insert Values(object values) => (Insert)WithValues(values, manyRows: true);

    /// <summary>The same, reading the values from the properties of <typeparamref name="TValues"/>, which the trimmer keeps (Native AOT safe).</summary>
    public Insert Values<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TValues>(TValues values)
        where TValues : notnull => Values(ParameterValues.Of(values)!);

    /// <summary><c>INSERT INTO t (columns) SELECT ...</c>: inserts the rows <paramref name="select"/> returns.</summary>
    public Insert FromSelect(IEnumerable<string> columns, SelectBase select)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(select);
        var targets = columns.Select(ColumnOf).ToArray();
        if (targets.Length != select.ResultColumns.Count)
            throw new ArgumentException($"INSERT … SELECT names {targets.Length} columns but the SELECT returns {select.ResultColumns.Count}.", nameof(select));
        return new(State with { Columns = targets, Rows = null, FromSelect = select });
    }

    /// <summary>Returns these columns of the inserted rows (all columns when none are named).</summary>
    public Insert Returning(params ColumnElement[] columns) => (Insert)WithReturning(columns);

    /// <summary>The row that was proposed for insertion, in <see cref="OnConflictDoUpdate"/>'s values: <c>insert.Excluded.C["qty"]</c>.</summary>
    public FromClause Excluded => new ExcludedRow(Table);

    /// <summary>
    /// <c>ON CONFLICT [(target)] DO NOTHING</c>: a row that would break a unique constraint (on
    /// <paramref name="target"/>'s columns, when given) is skipped.
    /// </summary>
    public Insert OnConflictDoNothing(params Column[] target) => new(State with { Conflict = new OnConflict(CheckTarget(target), null, null) });

    /// <summary>
    /// <c>ON CONFLICT (target) DO UPDATE SET ... [WHERE ...]</c>: a row whose <paramref name="target"/> columns match an
    /// existing row updates it instead, with <paramref name="set"/> (an object or dictionary of column values, which
    /// may read <see cref="Excluded"/>). The target is required: it names the unique constraint.
    /// </summary>
    public Insert OnConflictDoUpdate(Column[] target, object set, ColumnElement? where = null)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (target is null || target.Length == 0)
            throw new ArgumentException("OnConflictDoUpdate needs the columns of the unique constraint that decides a conflict.", nameof(target));
        var columns = ParameterValues.Keys(set).Select(ColumnOf).ToArray();
        if (columns.Length == 0)
            throw new ArgumentException("OnConflictDoUpdate needs at least one column to set.", nameof(set));
        var values = ParameterValues.Collect(new Compiled("", [.. columns.Select(c => c.Name)]), [], set);
        var assignments = columns.Select((c, i) => (c, ColumnElement.Coerce(values[i], c.Type))).ToArray();
        return new(State with { Conflict = new OnConflict(CheckTarget(target), assignments, where) });
    }

    /// <summary>Whether executemany may send this INSERT as multi-row VALUES pages (insertmanyvalues).</summary>
    internal bool Batchable => State.Rows is null && State.FromSelect is null;

    private protected override DmlStatement With(DmlState state) => new Insert(state);

    private Column[] CheckTarget(Column[] target)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var column in target)
        {
            if (column?.Table != Table)
                throw new ArgumentException($"An ON CONFLICT target must be columns of {Identifiers.Quoted(Table.Name)}, not {Identifiers.Shortened(column?.ToString() ?? "null")}.", nameof(target));
        }
        return target;
    }

    private protected override void Compile(SqlCompiler compiler, object? parameters)
    {
        var columns = AssignedColumns(parameters, Table.C);
        var defaults = State.FromSelect is null ? Table.C.Where(c => c.DefaultProducer is not null && !columns.Contains(c)).ToArray() : [];
        compiler.Operation("INSERT", Table.Name);
        compiler.Append("INSERT INTO ").Identifier(Table.Name).Append(" (");
        var all = columns.Concat(defaults).ToArray();
        for (var i = 0; i < all.Length; i++)
            compiler.Append(i > 0 ? ", " : "").Identifier(all[i].Name);
        compiler.Append(')');
        compiler.Enclosing([Table], c =>
        {
            if (State.FromSelect is { } select)
            {
                c.InsertFromSelect(select, onConflict: State.Conflict is not null);
            }
            else
            {
                c.Append(" VALUES ");
                var rows = State.Rows?.Length ?? c.BatchRows;
                for (var row = 0; row < rows; row++)
                {
                    c.Append(row > 0 ? ", (" : "(");
                    for (var i = 0; i < all.Length; i++)
                    {
                        c.Append(i > 0 ? ", " : "");
                        if (i < columns.Count)
                            Value(c, columns[i], i, row);
                        else
                            c.Default(all[i], row);
                    }
                    c.Append(')');
                }
            }
            CompileConflict(c);
            CompileReturning(c);
        });
    }

    private void CompileConflict(SqlCompiler compiler)
    {
        if (State.Conflict is not { } conflict)
            return;
        compiler.Append(" ON CONFLICT");
        if (conflict.Target.Length > 0)
        {
            compiler.Append(" (");
            for (var i = 0; i < conflict.Target.Length; i++)
                compiler.Append(i > 0 ? ", " : "").Identifier(conflict.Target[i].Name);
            compiler.Append(')');
        }
        if (conflict.Set is not { } set)
        {
            compiler.Append(" DO NOTHING");
            return;
        }
        compiler.Append(" DO UPDATE SET ");
        for (var i = 0; i < set.Length; i++)
        {
            compiler.Append(i > 0 ? ", " : "").Identifier(set[i].Column.Name).Append(" = ");
            set[i].Value.Compile(compiler);
        }
        compiler.Clause(" WHERE ", conflict.Where);
    }
}

/// <summary>The <c>excluded</c> row of an upsert: the values proposed for insertion.</summary>
internal sealed class ExcludedRow(Table table) : FromClause
{
    public override string Name => "excluded";

    private protected override ColumnCollection BuildColumns() => DeriveFrom(table.C);

    // It is no FROM item: a statement reading it reads nothing more.
    internal override void CollectFroms(List<FromClause> froms)
    {
    }

    internal override void CompileFrom(SqlCompiler compiler) =>
        throw new InvalidOperationException("The excluded row can only be read in OnConflictDoUpdate's values and condition.");

    internal override void CompileAliased(SqlCompiler compiler) => CompileFrom(compiler);

    internal override void AddKey(KeyBuilder key) => key.Add(typeof(ExcludedRow)).Add(table);
}
