namespace Framework.Sql;

/// <summary>
/// DELETE a table's rows: <c>t.Delete().Where(t.C["id"] == 5)</c>. Without a WHERE, every row goes. A WHERE that
/// reads other tables makes a DELETE … USING on PostgreSQL; SQLite has none, so there use
/// <c>Where(t.C["id"].In(Select(...)))</c>.
/// </summary>
public sealed class Delete : DmlStatement
{
    internal Delete(Table table) : base(new DmlState(table))
    {
    }

    private Delete(DmlState state) : base(state)
    {
    }

    /// <summary>Limits the rows deleted; several conditions are joined with AND.</summary>
    public Delete Where(ColumnElement condition) => (Delete)WithWhere(condition);

    /// <summary>Returns these columns of the deleted rows (all columns when none are named).</summary>
    public Delete Returning(params ColumnElement[] columns) => (Delete)WithReturning(columns);

    private protected override DmlStatement With(DmlState state) => new Delete(state);

    private protected override void Compile(SqlCompiler compiler, object? parameters)
    {
        var extra = ExtraFroms([]);
        compiler.Operation("DELETE", Table.Name);
        compiler.Append("DELETE FROM ").Identifier(Table.Name);
        compiler.Enclosing([Table, .. extra], c =>
        {
            if (extra.Count > 0)
                c.DeleteExtraFroms(Table, extra);
            CompileWhere(c);
            CompileReturning(c);
        });
    }
}
