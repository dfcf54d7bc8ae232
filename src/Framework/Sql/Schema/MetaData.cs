namespace Framework.Sql;

/// <summary>
/// A collection of tables (SQLAlchemy's <c>MetaData</c>): creates and drops them together, in the order their
/// foreign keys require. <c>CreateAll</c>/<c>DropAll</c> are synchronous, for <c>conn.RunSyncAsync(meta.CreateAll)</c>;
/// <c>CreateAllAsync</c>/<c>DropAllAsync</c> run the same code asynchronously.
/// </summary>
public sealed class MetaData
{
    private readonly Dictionary<string, Table> _tables = new(StringComparer.Ordinal);
    private readonly List<Table> _order = [];

    /// <summary>The tables, by name.</summary>
    public IReadOnlyDictionary<string, Table> Tables => _tables;

    /// <summary>The tables in the order they must be created (a table after those it references).</summary>
    public IReadOnlyList<Table> SortedTables => SchemaGenerator.Sort(_order).Tables;

    /// <summary>Creates every table that does not exist yet.</summary>
    public void CreateAll(Connection connection) => CreateAll(connection, checkFirst: true);

    /// <summary>Creates every table; with <paramref name="checkFirst"/>, skips those that exist.</summary>
    public void CreateAll(Connection connection, bool checkFirst) =>
        SyncPath.Run(SchemaGenerator.Create(connection, _order, checkFirst, async: false, default));

    /// <summary>Drops every table that exists, dependents first.</summary>
    public void DropAll(Connection connection) => DropAll(connection, checkFirst: true);

    /// <summary>Drops every table; with <paramref name="checkFirst"/>, skips those that do not exist.</summary>
    public void DropAll(Connection connection, bool checkFirst) =>
        SyncPath.Run(SchemaGenerator.Drop(connection, _order, checkFirst, async: false, default));

    /// <summary>Creates every table that does not exist yet (every table when <paramref name="checkFirst"/> is false).</summary>
    public ValueTask CreateAllAsync(AsyncConnection connection, bool checkFirst = true, CancellationToken cancellationToken = default) =>
        SchemaGenerator.Create(Table.Sync(connection), _order, checkFirst, async: true, cancellationToken);

    /// <summary>Drops every table that exists (every table when <paramref name="checkFirst"/> is false), dependents first.</summary>
    public ValueTask DropAllAsync(AsyncConnection connection, bool checkFirst = true, CancellationToken cancellationToken = default) =>
        SchemaGenerator.Drop(Table.Sync(connection), _order, checkFirst, async: true, cancellationToken);

    internal void Add(Table table)
    {
        if (!_tables.TryAdd(table.Name, table))
            throw new ArgumentException($"This MetaData already has a table named {Identifiers.Quoted(table.Name)}; table names must be unique within it.");
        _order.Add(table);
    }
}
