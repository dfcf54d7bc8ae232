namespace Framework.Sql;

/// <summary>
/// A collection of tables (SQLAlchemy's <c>MetaData</c>): creates and drops them together, in the order their
/// foreign keys require. <c>CreateAll</c>/<c>DropAll</c> are synchronous, for <c>conn.RunSyncAsync(meta.CreateAll)</c>;
/// <c>CreateAllAsync</c>/<c>DropAllAsync</c> run the same code asynchronously.
/// </summary>
public sealed partial class MetaData
{
    private readonly Dictionary<string, Table> _tables = new(StringComparer.Ordinal);
    private readonly List<Table> _order = [];

    /// <summary>The tables, by name.</summary>
    public IReadOnlyDictionary<string, Table> Tables => _tables;

    /// <summary>The tables in the order they must be created (a table after those it references).</summary>
    public IReadOnlyList<Table> SortedTables => TableOrder.Sort(_order).Tables;

    internal void Add(Table table)
    {
        if (!_tables.TryAdd(table.Name, table))
            throw new ArgumentException($"This MetaData already has a table named {Identifiers.Quoted(table.Name)}; table names must be unique within it.");
        _order.Add(table);
    }
}
