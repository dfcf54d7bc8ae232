namespace Framework.Sql;

/// <summary>A FROM item under another name: <c>users AS u2</c>, or a subquery renamed. Create one with <see cref="FromClause.Alias(string)"/>.</summary>
public sealed class Alias : FromClause
{
    internal Alias(FromClause target, string name)
    {
        Target = target;
        Name = name;
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>What it renames.</summary>
    public FromClause Target { get; }

    internal override Table? BaseTable => Target.BaseTable;

    private protected override ColumnCollection BuildColumns() => DeriveFrom(Target.C);

    internal override void CompileFrom(SqlCompiler compiler)
    {
        Target.CompileAliased(compiler);
        compiler.Append(" AS ").Identifier(Name);
    }

    internal override void CompileAliased(SqlCompiler compiler) => Target.CompileAliased(compiler);

    internal override void AddKey(KeyBuilder key) => key.Add(typeof(Alias)).Add(Name).Add(Target);
}
