namespace Framework;

/// <summary>
/// Reads what a database holds: tables, views, columns, keys, indexes and constraints (SQLAlchemy's <c>Inspector</c>),
/// synchronous face; every call blocks. Queries run on the given connection, inside its transaction (autobegun if
/// none is in progress). In async code use <see cref="AsyncConnection.InspectAsync"/>, or this face inside
/// <see cref="AsyncConnection.RunSyncAsync{T}(Func{Connection, T})"/>.
/// </summary>
public sealed class Inspector
{
    private readonly InspectorCore _core;

    internal Inspector(InspectorCore core) => _core = core;

    /// <summary>An inspector that queries through <paramref name="connection"/>.</summary>
    public static Inspector For(Connection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return new Inspector(new InspectorCore(connection));
    }

    /// <summary>The connection the queries run on.</summary>
    public Connection Connection => _core.Connection;

    /// <summary>The names of the tables in <paramref name="schema"/> (null: the default schema), sorted; views are not included.</summary>
    public IReadOnlyList<string> GetTableNames(string? schema = null) => SyncPath.Run(_core.GetTableNames(false, schema, default));

    /// <summary>The names of the views in <paramref name="schema"/> (null: the default schema), sorted.</summary>
    public IReadOnlyList<string> GetViewNames(string? schema = null) => SyncPath.Run(_core.GetViewNames(false, schema, default));

    /// <summary>The columns of a table or view, in ordinal order.</summary>
    /// <exception cref="NoSuchTableException">There is no such table or view.</exception>
    public IReadOnlyList<ReflectedColumn> GetColumns(string table, string? schema = null) => SyncPath.Run(_core.GetColumns(false, table, schema, default));

    /// <summary>The primary key of a table; its column list is empty when the table has none.</summary>
    /// <exception cref="NoSuchTableException">There is no such table or view.</exception>
    public ReflectedPrimaryKey GetPrimaryKey(string table, string? schema = null) => SyncPath.Run(_core.GetPrimaryKey(false, table, schema, default));

    /// <summary>The foreign keys of a table.</summary>
    /// <exception cref="NoSuchTableException">There is no such table or view.</exception>
    public IReadOnlyList<ReflectedForeignKey> GetForeignKeys(string table, string? schema = null) => SyncPath.Run(_core.GetForeignKeys(false, table, schema, default));

    /// <summary>The indexes of a table, sorted by name; those behind the primary key and UNIQUE constraints are left out, as in SQLAlchemy.</summary>
    /// <exception cref="NoSuchTableException">There is no such table or view.</exception>
    public IReadOnlyList<ReflectedIndex> GetIndexes(string table, string? schema = null) => SyncPath.Run(_core.GetIndexes(false, table, schema, default));

    /// <summary>The UNIQUE constraints of a table.</summary>
    /// <exception cref="NoSuchTableException">There is no such table or view.</exception>
    public IReadOnlyList<ReflectedUniqueConstraint> GetUniqueConstraints(string table, string? schema = null) =>
        SyncPath.Run(_core.GetUniqueConstraints(false, table, schema, default));

    /// <summary>Whether the database has a table or view of this name in <paramref name="schema"/> (null: the default schema).</summary>
    public bool HasTable(string table, string? schema = null) => SyncPath.Run(_core.HasTable(false, table, schema, default));
}
