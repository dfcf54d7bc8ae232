namespace Framework;

/// <summary>
/// The one implementation behind <see cref="Inspector"/> and <see cref="AsyncInspector"/>: checks arguments, finds the
/// table (a missing one is a <see cref="NoSuchTableException"/>) and hands the query to the driver's <see cref="InspectorQueries"/>.
/// </summary>
internal sealed class InspectorCore
{
    private readonly InspectorQueries _queries;

    public InspectorCore(Connection connection)
    {
        Connection = connection;
        _queries = connection.Driver.InspectorQueries;
    }

    public Connection Connection { get; }

    public ValueTask<IReadOnlyList<string>> GetTableNames(bool async, string? schema, CancellationToken cancellationToken) =>
        _queries.GetTableNames(Connection, async, schema, cancellationToken);

    public ValueTask<IReadOnlyList<string>> GetViewNames(bool async, string? schema, CancellationToken cancellationToken) =>
        _queries.GetViewNames(Connection, async, schema, cancellationToken);

    public async ValueTask<bool> HasTable(bool async, string table, string? schema, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        return await _queries.FindTable(Connection, async, table, schema, cancellationToken).ConfigureAwait(false) is not null;
    }

    public async ValueTask<IReadOnlyList<ReflectedColumn>> GetColumns(bool async, string table, string? schema, CancellationToken cancellationToken) =>
        await _queries.GetColumns(Connection, async, await Find(async, table, schema, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    public async ValueTask<ReflectedPrimaryKey> GetPrimaryKey(bool async, string table, string? schema, CancellationToken cancellationToken) =>
        await _queries.GetPrimaryKey(Connection, async, await Find(async, table, schema, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<ReflectedForeignKey>> GetForeignKeys(bool async, string table, string? schema, CancellationToken cancellationToken) =>
        await _queries.GetForeignKeys(Connection, async, await Find(async, table, schema, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<ReflectedIndex>> GetIndexes(bool async, string table, string? schema, CancellationToken cancellationToken) =>
        await _queries.GetIndexes(Connection, async, await Find(async, table, schema, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<ReflectedUniqueConstraint>> GetUniqueConstraints(bool async, string table, string? schema, CancellationToken cancellationToken) =>
        await _queries.GetUniqueConstraints(Connection, async, await Find(async, table, schema, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private async ValueTask<InspectedTable> Find(bool async, string table, string? schema, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        return await _queries.FindTable(Connection, async, table, schema, cancellationToken).ConfigureAwait(false)
            ?? throw new NoSuchTableException(table, schema);
    }
}
