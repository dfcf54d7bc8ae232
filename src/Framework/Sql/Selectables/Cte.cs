namespace Framework.Sql;

/// <summary>
/// A common table expression: <c>WITH name AS (SELECT ...)</c>, read by name wherever the statement uses it.
/// A recursive one (<see cref="SelectBase.Cte(string, bool)"/> with <c>recursive: true</c>) is completed with
/// <see cref="UnionAll(SelectBase)"/> or <see cref="Union(SelectBase)"/> of a SELECT that reads the CTE itself.
/// </summary>
public sealed class Cte : FromClause
{
    internal Cte(SelectBase select, string name, bool recursive)
    {
        Select = select;
        Name = name;
        Recursive = recursive;
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <summary>The SELECT it names.</summary>
    public SelectBase Select { get; }

    /// <summary>Whether it is WITH RECURSIVE.</summary>
    public bool Recursive { get; }

    /// <summary>The CTE whose SELECT is this one's UNION ALL <paramref name="recursivePart"/>, which may read this CTE.</summary>
    public Cte UnionAll(SelectBase recursivePart) => new(CompoundSelect.Of("UNION ALL", [Select, recursivePart]), Name, Recursive);

    /// <summary>The CTE whose SELECT is this one's UNION <paramref name="recursivePart"/> (duplicates removed).</summary>
    public Cte Union(SelectBase recursivePart) => new(CompoundSelect.Of("UNION", [Select, recursivePart]), Name, Recursive);

    private protected override ColumnCollection BuildColumns() => DeriveFrom(Select);

    internal override void CompileFrom(SqlCompiler compiler) => CompileAliased(compiler);

    internal override void CompileAliased(SqlCompiler compiler)
    {
        compiler.Cte(this);
        compiler.Identifier(Name);
    }

    internal override void AddKey(KeyBuilder key) => key.Add(typeof(Cte)).Add(Name).Add(Recursive).Add(Select);
}
