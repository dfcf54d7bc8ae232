namespace Framework.Sql;

/// <summary>
/// UPDATE a table's rows: <c>t.Update().Where(t.C["id"] == 5).Values(new { name = "x" })</c>. Without values, the
/// caller passes them at execution, named after the columns.
/// </summary>
public sealed class Update : DmlStatement
{
    internal Update(Table table) : base(new DmlState(table))
    {
    }

    private Update(DmlState state) : base(state)
    {
    }

    /// <summary>The new values, as an object with a property per column or a dictionary.</summary>
    public Update Values(object values) => (Update)WithValues(values);

    /// <summary>Limits the rows changed; several conditions are joined with AND.</summary>
    public Update Where(ColumnElement condition) => (Update)WithWhere(condition);

    /// <summary>Returns these columns of the changed rows (all columns when none are named).</summary>
    public Update Returning(params ColumnElement[] columns) => (Update)WithReturning(columns);

    private protected override DmlStatement With(DmlState state) => new Update(state);

    private protected override void Compile(SqlCompiler compiler, object? parameters)
    {
        var assignments = Assignments(parameters, Table.C.Where(c => !c.PrimaryKey));
        if (assignments.Count == 0)
            throw new InvalidOperationException($"UPDATE of '{Table.Name}' sets no column: call Values(...), or pass values when executing it.");
        compiler.Append("UPDATE ").Identifier(Table.Name).Append(" SET ");
        for (var i = 0; i < assignments.Count; i++)
        {
            compiler.Append(i > 0 ? ", " : "").Identifier(assignments[i].Column.Name).Append(" = ");
            Value(compiler, assignments[i]);
        }
        CompileWhere(compiler);
        CompileReturning(compiler);
    }
}
