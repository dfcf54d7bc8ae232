namespace Framework.Sql;

/// <summary>
/// Something a SELECT reads rows from: a <see cref="Table"/>, an <see cref="Sql.Alias"/> of one, a
/// <see cref="Subquery"/> or a <see cref="Cte"/>. Its columns, <c>C["name"]</c>, are expressions qualified by its name.
/// </summary>
public abstract class FromClause : ClauseElement
{
    private ColumnCollection? _columns;

    private protected FromClause()
    {
    }

    /// <summary>The name statements refer to it by.</summary>
    public abstract string Name { get; }

    /// <summary>Its columns, in order and by name.</summary>
    public ColumnCollection C => _columns ??= BuildColumns();

    /// <summary>The same rows under another name (<c>FROM users AS u2</c>), so one table can be read twice.</summary>
    public Alias Alias(string name)
    {
        Identifiers.Validate(name, "alias");
        return new Alias(this, name);
    }

    /// <summary>The table under it, for an alias of a table: joins infer their condition from its foreign keys.</summary>
    internal virtual Table? BaseTable => null;

    private protected abstract ColumnCollection BuildColumns();

    /// <summary>Writes it as a FROM item: <c>t</c>, <c>t AS a</c>, <c>(SELECT ...) AS s</c>.</summary>
    internal abstract void CompileFrom(SqlCompiler compiler);

    /// <summary>Writes what an alias of it puts before <c>AS</c>.</summary>
    internal abstract void CompileAliased(SqlCompiler compiler);

    internal override void Compile(SqlCompiler compiler) => CompileFrom(compiler);

    internal override void CollectFroms(List<FromClause> froms) => AddFrom(froms, this);

    /// <summary>A column per named column of <paramref name="select"/> (the first, where two share a name).</summary>
    private protected ColumnCollection DeriveFrom(SelectBase select) => DeriveFrom(select.NamedColumns());

    /// <summary>A column of this item per column of another (an alias's, the excluded row's).</summary>
    private protected ColumnCollection DeriveFrom(IEnumerable<Column> source) => DeriveFrom(source.Select(c => (c.Name, (ColumnElement)c)));

    private ColumnCollection DeriveFrom(IEnumerable<(string Name, ColumnElement Element)> source)
    {
        var columns = new ColumnCollection(Name);
        foreach (var (name, element) in source)
        {
            if (columns.TryGet(name) is null)
                columns.Add(new DerivedColumn(name, this, element));
        }
        return columns;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

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

/// <summary>A column of an alias, subquery or CTE: <c>name.column</c>.</summary>
internal sealed class DerivedColumn : Column
{
    internal DerivedColumn(string name, FromClause from, ColumnElement origin) : base(name, from, origin)
    {
    }
}
