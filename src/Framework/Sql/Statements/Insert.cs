namespace Framework.Sql;

/// <summary>
/// INSERT into a table. With <see cref="Values(object)"/> the values travel with the statement; without, the
/// caller passes them at execution (<c>conn.ExecuteAsync(t.Insert(), [new { name = "a" }, new { name = "b" }])</c>)
/// and the columns are the keys of the first set, as in SQLAlchemy.
/// </summary>
public sealed class Insert : DmlStatement
{
    internal Insert(Table table) : base(new DmlState(table))
    {
    }

    private Insert(DmlState state) : base(state)
    {
    }

    /// <summary>The values to insert, as an object with a property per column (<c>new { name = "x" }</c>) or a dictionary.</summary>
    public Insert Values(object values) => (Insert)WithValues(values);

    /// <summary>Returns these columns of the inserted rows (all columns when none are named).</summary>
    public Insert Returning(params ColumnElement[] columns) => (Insert)WithReturning(columns);

    private protected override DmlStatement With(DmlState state) => new Insert(state);

    private protected override void Compile(SqlCompiler compiler, object? parameters)
    {
        var assignments = Assignments(parameters, Table.C);
        compiler.Append("INSERT INTO ").Identifier(Table.Name).Append(" (");
        for (var i = 0; i < assignments.Count; i++)
            compiler.Append(i > 0 ? ", " : "").Identifier(assignments[i].Column.Name);
        compiler.Append(") VALUES (");
        for (var i = 0; i < assignments.Count; i++)
        {
            compiler.Append(i > 0 ? ", " : "");
            Value(compiler, assignments[i]);
        }
        compiler.Append(')');
        CompileReturning(compiler);
    }
}
