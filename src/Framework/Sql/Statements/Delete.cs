namespace Framework.Sql;

/// <summary>DELETE a table's rows: <c>t.Delete().Where(t.C["id"] == 5)</c>. Without a WHERE, every row goes.</summary>
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
        compiler.Append("DELETE FROM ").Identifier(Table.Name);
        CompileWhere(compiler);
        CompileReturning(compiler);
    }
}
