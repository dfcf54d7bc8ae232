namespace Framework.Sql;

/// <summary>
/// A table: its name, columns, constraints and indexes, registered in a <see cref="MetaData"/>. Tables are
/// immutable once built; <see cref="MetaData.CreateAll(Connection)"/> creates them in the database.
/// </summary>
public sealed partial class Table : FromClause
{
    private readonly ColumnCollection _own;

    /// <summary>Creates a table in <paramref name="metadata"/> from its columns, constraints and indexes.</summary>
    public Table(string name, MetaData metadata, params ISchemaItem[] items)
    {
        Identifiers.Validate(name, "table");
        ArgumentNullException.ThrowIfNull(metadata);
        Name = name;
        MetaData = metadata;
        _own = new ColumnCollection(name);
        var constraints = new List<SchemaItem>();
        var indexes = new List<TableIndex>();
        foreach (var item in items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
            switch (item)
            {
                case Column column:
                    column.Attach(this);
                    _own.Add(column);
                    break;
                case TableIndex index:
                    index.Attach(this);
                    indexes.Add(index);
                    break;
                case SchemaItem constraint:
                    constraint.Attach(this);
                    constraints.Add(constraint);
                    break;
                default:
                    throw new ArgumentException($"A table is made of columns, constraints and indexes, not {item.GetType().Name}.", nameof(items));
            }
        }
        if (_own.Count == 0)
            throw new ArgumentException($"Table {Identifiers.Quoted(name)} needs at least one column.", nameof(items));
        foreach (var item in constraints)
            CheckColumns(item is UniqueConstraint unique ? unique.Columns : [], item.Describe());
        foreach (var index in indexes)
            CheckColumns(index.Columns, index.Describe());
        PrimaryKey = [.. C.Where(c => c.PrimaryKey)];
        Constraints = constraints;
        Indexes = indexes;
        metadata.Add(this);
    }

    /// <summary>The table's name.</summary>
    public override string Name { get; }

    /// <summary>The metadata it belongs to.</summary>
    public MetaData MetaData { get; }

    /// <summary>The primary key's columns, in order.</summary>
    public IReadOnlyList<Column> PrimaryKey { get; }

    /// <summary>Table-level constraints (unique, check).</summary>
    public IReadOnlyList<SchemaItem> Constraints { get; }

    /// <summary>Indexes declared on the table (columns marked <c>index: true</c> get one too, when created).</summary>
    public IReadOnlyList<TableIndex> Indexes { get; }

    /// <summary>The foreign keys of its columns.</summary>
    public IEnumerable<ForeignKey> ForeignKeys => C.Where(c => c.ForeignKey is not null).Select(c => c.ForeignKey!);

    /// <summary>An INSERT into this table; pass the values at execution, or with <see cref="Sql.Insert.Values(object)"/>.</summary>
    public Insert Insert() => new(this);

    /// <summary>An UPDATE of this table's rows; say which with <see cref="Sql.Update.Where(ColumnElement)"/>.</summary>
    public Update Update() => new(this);

    /// <summary>A DELETE of this table's rows; say which with <see cref="Sql.Delete.Where(ColumnElement)"/>.</summary>
    public Delete Delete() => new(this);

    internal override Table BaseTable => this;

    private protected override ColumnCollection BuildColumns() => _own;

    internal override void CompileFrom(SqlCompiler compiler)
    {
        compiler.Reads(Name);
        compiler.Identifier(Name);
    }

    internal override void CompileAliased(SqlCompiler compiler) => CompileFrom(compiler);

    internal override void AddKey(KeyBuilder key) => key.Token(this);

    private void CheckColumns(IReadOnlyList<string> names, string what)
    {
        foreach (var name in names)
        {
            if (C.TryGet(name) is null)
                throw new ArgumentException($"{what} of table {Identifiers.Quoted(Name)} names column {Identifiers.Quoted(name)}, which the table does not have.");
        }
    }
}
