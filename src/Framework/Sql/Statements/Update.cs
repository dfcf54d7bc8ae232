using System.Diagnostics.CodeAnalysis;

namespace Framework.Sql;

/// <summary>
/// UPDATE a table's rows: <c>t.Update().Where(t.C["id"] == 5).Values(new { name = "x" })</c>. Values may be
/// expressions (<c>new { qty = t.C["qty"] + 1 }</c>); without values, the caller passes them at execution, named
/// after the columns. A WHERE that reads other tables makes an UPDATE … FROM.
/// </summary>
public sealed class Update : DmlStatement
{
    internal Update(Table table) : base(new DmlState(table))
    {
    }

    private Update(DmlState state) : base(state)
    {
    }

    /// <summary>The new values, as an object with a property per column or a dictionary; values may be expressions.</summary>
    public Update Values(object values) => (Update)WithValues(values, manyRows: false);

    /// <summary>The same, reading the values from the properties of <typeparamref name="TValues"/>, which the trimmer keeps (Native AOT safe).</summary>
    public Update Values<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TValues>(TValues values)
        where TValues : notnull => Values(ParameterValues.Of(values)!);

    /// <summary>Limits the rows changed; several conditions are joined with AND.</summary>
    public Update Where(ColumnElement condition) => (Update)WithWhere(condition);

    /// <summary>Returns these columns of the changed rows (all columns when none are named).</summary>
    public Update Returning(params ColumnElement[] columns) => (Update)WithReturning(columns);

    private protected override DmlStatement With(DmlState state) => new Update(state);

    private protected override void Compile(SqlCompiler compiler, object? parameters)
    {
        var columns = AssignedColumns(parameters, Table.C.Where(c => !c.PrimaryKey));
        if (columns.Count == 0)
            throw new InvalidOperationException($"UPDATE of {Identifiers.Quoted(Table.Name)} sets no column: call Values(...), or pass values when executing it.");
        var extra = ExtraFroms(State.Rows?[0] ?? []);
        compiler.Operation("UPDATE", Table.Name);
        compiler.Append("UPDATE ").Identifier(Table.Name).Append(" SET ");
        compiler.Enclosing([Table, .. extra], c =>
        {
            for (var i = 0; i < columns.Count; i++)
            {
                c.Append(i > 0 ? ", " : "").Identifier(columns[i].Name).Append(" = ");
                Value(c, columns[i], i, row: 0);
            }
            for (var i = 0; i < extra.Count; i++)
            {
                c.Append(i > 0 ? ", " : " FROM ");
                extra[i].CompileFrom(c);
            }
            CompileWhere(c);
            CompileReturning(c);
        });
    }
}
