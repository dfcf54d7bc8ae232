namespace Framework.Sql;

// The DDL entry points of Table live in Schema, beside MetaData's (MetaData.Ddl.cs says why).
public sealed partial class Table
{
    /// <summary>Creates the table (and its indexes) on <paramref name="connection"/>; with <paramref name="checkFirst"/>, only if it is missing.</summary>
    public void Create(Connection connection, bool checkFirst = false) =>
        SyncPath.Run(SchemaGenerator.Create(connection, [this], checkFirst, async: false, default));

    /// <summary>Drops the table; with <paramref name="checkFirst"/>, only if it exists.</summary>
    public void Drop(Connection connection, bool checkFirst = false) =>
        SyncPath.Run(SchemaGenerator.Drop(connection, [this], checkFirst, async: false, default));

    /// <summary>Creates the table (and its indexes); with <paramref name="checkFirst"/>, only if it is missing.</summary>
    public ValueTask CreateAsync(AsyncConnection connection, bool checkFirst = false, CancellationToken cancellationToken = default) =>
        SchemaGenerator.Create(Sync(connection), [this], checkFirst, async: true, cancellationToken);

    /// <summary>Drops the table; with <paramref name="checkFirst"/>, only if it exists.</summary>
    public ValueTask DropAsync(AsyncConnection connection, bool checkFirst = false, CancellationToken cancellationToken = default) =>
        SchemaGenerator.Drop(Sync(connection), [this], checkFirst, async: true, cancellationToken);

    internal static Connection Sync(AsyncConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.SyncConnection;
    }
}
