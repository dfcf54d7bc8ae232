namespace Framework.Sql;

// The DDL entry points of MetaData live in Schema, the layer that runs DDL through a connection: MetaData's own part
// in Sql stays free of connections, while metadata.CreateAll(conn) and conn.RunSyncAsync(metadata.CreateAll) compile
// as before (instance methods, not extensions, so no using directive is needed to find them).
public sealed partial class MetaData
{
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
}
