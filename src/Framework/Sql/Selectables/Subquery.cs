namespace Framework.Sql;

/// <summary>
/// A SELECT read as a table: <c>FROM (SELECT ...) AS name</c>. Its columns are the SELECT's columns, by name
/// (label expressions to give them one). Create one with <see cref="SelectBase.Subquery(string)"/>.
/// </summary>
public sealed class Subquery : FromClause
{
    internal Subquery(SelectBase select, string name)
    {
        Select = select;
        Name = name;
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>The SELECT it reads.</summary>
    public SelectBase Select { get; }

    private protected override ColumnCollection BuildColumns() => DeriveFrom(Select);

    internal override void CompileFrom(SqlCompiler compiler)
    {
        CompileAliased(compiler);
        compiler.Append(" AS ").Identifier(Name);
    }

    internal override void CompileAliased(SqlCompiler compiler)
    {
        compiler.Append('(');
        compiler.Nested(Select, correlate: false);
        compiler.Append(')');
    }

    internal override void AddKey(KeyBuilder key) => key.Add(typeof(Subquery)).Add(Name).Add(Select);
}
