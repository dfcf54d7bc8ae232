namespace Framework;

/// <summary>
/// Reads what a database holds, asynchronous face of <see cref="Inspector"/>; get one with
/// <see cref="AsyncConnection.InspectAsync"/>. Queries run on that connection, inside its transaction.
/// </summary>
public sealed class AsyncInspector
{
    private readonly InspectorCore _core;

    internal AsyncInspector(InspectorCore core)
    {
        _core = core;
        SyncInspector = new Inspector(core);
    }

    /// <summary>The synchronous face of this same inspector, for code inside <see cref="AsyncConnection.RunSyncAsync{T}(Func{Connection, T})"/>.</summary>
    public Inspector SyncInspector { get; }

    /// <summary>The connection the queries run on.</summary>
    public AsyncConnection Connection => _core.Connection.AsyncFace;

    /// <summary>The names of the tables in <paramref name="schema"/> (null: the default schema), sorted; views are not included.</summary>
    public ValueTask<IReadOnlyList<string>> GetTableNamesAsync(string? schema = null, CancellationToken cancellationToken = default) =>
        _core.GetTableNames(true, schema, cancellationToken);

    /// <summary>The names of the views in <paramref name="schema"/> (null: the default schema), sorted.</summary>
    public ValueTask<IReadOnlyList<string>> GetViewNamesAsync(string? schema = null, CancellationToken cancellationToken = default) =>
        _core.GetViewNames(true, schema, cancellationToken);

    /// <summary>The columns of a table or view, in ordinal order.</summary>
    /// <exception cref="NoSuchTableException">There is no such table or view.</exception>
    public ValueTask<IReadOnlyList<ReflectedColumn>> GetColumnsAsync(string table, string? schema = null, CancellationToken cancellationToken = default) =>
        _core.GetColumns(true, table, schema, cancellationToken);

    /// <summary>The primary key of a table; its column list is empty when the table has none.</summary>
    /// <exception cref="NoSuchTableException">There is no such table or view.</exception>
    public ValueTask<ReflectedPrimaryKey> GetPrimaryKeyAsync(string table, string? schema = null, CancellationToken cancellationToken = default) =>
        _core.GetPrimaryKey(true, table, schema, cancellationToken);

    /// <summary>The foreign keys of a table.</summary>
    /// <exception cref="NoSuchTableException">There is no such table or view.</exception>
    public ValueTask<IReadOnlyList<ReflectedForeignKey>> GetForeignKeysAsync(string table, string? schema = null, CancellationToken cancellationToken = default) =>
        _core.GetForeignKeys(true, table, schema, cancellationToken);

    /// <summary>The indexes of a table, sorted by name; those behind the primary key and UNIQUE constraints are left out, as in SQLAlchemy.</summary>
    /// <exception cref="NoSuchTableException">There is no such table or view.</exception>
    public ValueTask<IReadOnlyList<ReflectedIndex>> GetIndexesAsync(string table, string? schema = null, CancellationToken cancellationToken = default) =>
        _core.GetIndexes(true, table, schema, cancellationToken);

    /// <summary>The UNIQUE constraints of a table.</summary>
    /// <exception cref="NoSuchTableException">There is no such table or view.</exception>
    public ValueTask<IReadOnlyList<ReflectedUniqueConstraint>> GetUniqueConstraintsAsync(string table, string? schema = null,
        CancellationToken cancellationToken = default) =>
        _core.GetUniqueConstraints(true, table, schema, cancellationToken);

    /// <summary>Whether the database has a table or view of this name in <paramref name="schema"/> (null: the default schema).</summary>
    public ValueTask<bool> HasTableAsync(string table, string? schema = null, CancellationToken cancellationToken = default) =>
        _core.HasTable(true, table, schema, cancellationToken);
}
