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

/// <summary>A column of an alias, subquery or CTE: <c>name.column</c>.</summary>
internal sealed class DerivedColumn : Column
{
    internal DerivedColumn(string name, FromClause from, ColumnElement origin) : base(name, from, origin)
    {
    }
}
