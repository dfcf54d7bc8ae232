using Framework.Sql;

namespace Framework.Dialects.Sqlite;

/// <summary>
/// SQLite's catalog queries, on the table-valued PRAGMA functions (<c>pragma_table_list</c>, <c>pragma_table_info</c>,
/// <c>pragma_foreign_key_list</c>, <c>pragma_index_list</c>, <c>pragma_index_info</c>), which take the table and the
/// schema (an attached database; default <c>main</c>) as bound parameters.
/// </summary>
internal sealed class SqliteInspectorQueries : InspectorQueries
{
    public static readonly SqliteInspectorQueries Instance = new();

    private const string DefaultSchema = "main";

    // sqlite_% names are SQLite's own (sqlite_schema, sqlite_sequence, sqlite_stat1).
    private static readonly TextClause TableNames = Expressions.Text(
        "SELECT name FROM pragma_table_list WHERE schema = :schema AND type IN ('table', 'virtual') " +
        @"AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name");

    private static readonly TextClause ViewNames = Expressions.Text(
        "SELECT name FROM pragma_table_list WHERE schema = :schema AND type = 'view' ORDER BY name");

    // SQLite resolves table names without regard to case, and so does this.
    private static readonly TextClause Find = Expressions.Text(
        "SELECT name, schema FROM pragma_table_list WHERE schema = :schema AND name = :table COLLATE NOCASE " +
        "AND type IN ('table', 'virtual', 'view')");

    private static readonly TextClause Columns = Expressions.Text(
        "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(:table, :schema) ORDER BY cid");

    private static readonly TextClause KeyColumns = Expressions.Text(
        "SELECT name FROM pragma_table_info(:table, :schema) WHERE pk > 0 ORDER BY pk");

    private static readonly TextClause ForeignKeys = Expressions.Text(
        "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(:table, :schema) ORDER BY id, seq");

    // origin: 'c' for CREATE INDEX, 'u' for a UNIQUE constraint, 'pk' for the primary key. cid -2 is an expression.
    private static readonly TextClause IndexColumns = Expressions.Text(
        "SELECT il.name, il.\"unique\", ii.name, ii.cid FROM pragma_index_list(:table, :schema) AS il " +
        "JOIN pragma_index_info(il.name, :schema) AS ii WHERE il.origin = :origin ORDER BY il.name, ii.seqno");

    // The table's CREATE TABLE text, for the names of its constraints; a schema name cannot be bound, so only main
    // and temp (the two every connection has) are read, and constraints of other attached databases stay unnamed.
    private static readonly TextClause MainTableSql = Expressions.Text("SELECT sql FROM main.sqlite_schema WHERE type = 'table' AND name = :table");

    private static readonly TextClause TempTableSql = Expressions.Text("SELECT sql FROM temp.sqlite_schema WHERE type = 'table' AND name = :table");

    public override async ValueTask<IReadOnlyList<string>> GetTableNames(Connection connection, bool async, string? schema, CancellationToken cancellationToken) =>
        SortedNames(await Query(connection, async, TableNames, new Dictionary<string, object?> { ["schema"] = schema ?? DefaultSchema }, cancellationToken).ConfigureAwait(false));

    public override async ValueTask<IReadOnlyList<string>> GetViewNames(Connection connection, bool async, string? schema, CancellationToken cancellationToken) =>
        SortedNames(await Query(connection, async, ViewNames, new Dictionary<string, object?> { ["schema"] = schema ?? DefaultSchema }, cancellationToken).ConfigureAwait(false));

    public override async ValueTask<InspectedTable?> FindTable(Connection connection, bool async, string table, string? schema,
        CancellationToken cancellationToken)
    {
        var rows = await Query(connection, async, Find, new Dictionary<string, object?> { ["table"] = table, ["schema"] = schema ?? DefaultSchema }, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : new InspectedTable(rows[0].Get<string>(0), rows[0].Get<string>(1), null);
    }

    public override async ValueTask<IReadOnlyList<ReflectedColumn>> GetColumns(Connection connection, bool async, InspectedTable table,
        CancellationToken cancellationToken)
    {
        var rows = await Query(connection, async, Columns, Parameters(table), cancellationToken).ConfigureAwait(false);
        // The one column declared INTEGER PRIMARY KEY is the rowid: SQLite numbers it, and it is never NULL.
        var keys = rows.Count(row => row.Get<long>(4) > 0);
        var columns = new ReflectedColumn[rows.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            var row = rows[i];
            var type = row.Get<string?>(1) ?? "";
            var rowid = keys == 1 && row.Get<long>(4) > 0 && type.Equals("INTEGER", StringComparison.OrdinalIgnoreCase);
            columns[i] = new ReflectedColumn(row.Get<string>(0), type, row.Get<long>(2) == 0 && !rowid, row.Get<string?>(3), rowid);
        }
        return columns;
    }

    public override async ValueTask<ReflectedPrimaryKey> GetPrimaryKey(Connection connection, bool async, InspectedTable table,
        CancellationToken cancellationToken) =>
        new(null, await PrimaryKeyColumns(connection, async, table.Name, table.Schema, cancellationToken).ConfigureAwait(false));

    public override async ValueTask<IReadOnlyList<ReflectedForeignKey>> GetForeignKeys(Connection connection, bool async, InspectedTable table,
        CancellationToken cancellationToken)
    {
        var rows = await Query(connection, async, ForeignKeys, Parameters(table), cancellationToken).ConfigureAwait(false);
        var keys = new List<ReflectedForeignKey>();
        var sql = rows.Count == 0 ? null : await TableSql(connection, async, table, cancellationToken).ConfigureAwait(false);
        foreach (var run in Runs(rows, static row => row[0]))
        {
            var first = run[0];
            var referred = first.Get<string>(1);
            // REFERENCES parent without a column list refers to the parent's primary key; the pragma gives NULL for those.
            var referredColumns = run.TrueForAll(row => row[3] is not null)
                ? [.. run.Select(row => row.Get<string>(3))]
                : await PrimaryKeyColumns(connection, async, referred, table.Schema, cancellationToken).ConfigureAwait(false);
            string[] columns = [.. run.Select(row => row.Get<string>(2))];
            keys.Add(new ReflectedForeignKey(SqliteConstraintNames.Find(sql, foreignKey: true, columns), columns, referred, referredColumns, null,
                ReferentialAction(first.Get<string?>(5)), ReferentialAction(first.Get<string?>(4))));
        }
        return keys;
    }

    public override async ValueTask<IReadOnlyList<ReflectedIndex>> GetIndexes(Connection connection, bool async, InspectedTable table,
        CancellationToken cancellationToken)
    {
        var indexes = new List<ReflectedIndex>();
        foreach (var run in await IndexRuns(connection, async, table, "c", cancellationToken).ConfigureAwait(false))
            indexes.Add(new ReflectedIndex(run[0].Get<string>(0), [.. run.Select(row => row.Get<string>(2))], run[0].Get<long>(1) != 0));
        return indexes;
    }

    public override async ValueTask<IReadOnlyList<ReflectedUniqueConstraint>> GetUniqueConstraints(Connection connection, bool async,
        InspectedTable table, CancellationToken cancellationToken)
    {
        var constraints = new List<ReflectedUniqueConstraint>();
        var runs = (await IndexRuns(connection, async, table, "u", cancellationToken).ConfigureAwait(false)).ToList();
        var sql = runs.Count == 0 ? null : await TableSql(connection, async, table, cancellationToken).ConfigureAwait(false);
        foreach (var run in runs)
        {
            // SQLite names the index behind a UNIQUE constraint itself (sqlite_autoindex_...); the constraint's own
            // name, if it was given one, is only in the CREATE TABLE text.
            string[] columns = [.. run.Select(row => row.Get<string>(2))];
            constraints.Add(new ReflectedUniqueConstraint(SqliteConstraintNames.Find(sql, foreignKey: false, columns), columns));
        }
        return constraints;
    }

    private static async ValueTask<string?> TableSql(Connection connection, bool async, InspectedTable table, CancellationToken cancellationToken)
    {
        var query = table.Schema switch
        {
            "main" => MainTableSql,
            "temp" => TempTableSql,
            _ => null,
        };
        if (query is null)
            return null;
        var rows = await Query(connection, async, query, new Dictionary<string, object?> { ["table"] = table.Name }, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0].Get<string?>(0);
    }

    private static Dictionary<string, object?> Parameters(InspectedTable table) => new Dictionary<string, object?> { ["table"] = table.Name, ["schema"] = table.Schema };

    private static async ValueTask<IReadOnlyList<string>> PrimaryKeyColumns(Connection connection, bool async, string table, string schema,
        CancellationToken cancellationToken)
    {
        var rows = await Query(connection, async, KeyColumns, new Dictionary<string, object?> { ["table"] = table, ["schema"] = schema }, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(row => row.Get<string>(0))];
    }

    // An index on an expression has no column name to report; it is left out, as SQLAlchemy leaves it out.
    private static async ValueTask<IEnumerable<List<Row>>> IndexRuns(Connection connection, bool async, InspectedTable table, string origin,
        CancellationToken cancellationToken)
    {
        var rows = await Query(connection, async, IndexColumns, new Dictionary<string, object?> { ["table"] = table.Name, ["schema"] = table.Schema, ["origin"] = origin }, cancellationToken)
            .ConfigureAwait(false);
        return Runs(rows, static row => row[0]).Where(run => run.TrueForAll(row => row.Get<long>(3) >= 0));
    }
}
