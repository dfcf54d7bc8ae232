using Framework.Sql;

namespace Framework.Dialects.PostgreSql;

/// <summary>
/// PostgreSQL's catalog queries, on <c>pg_catalog</c> as SQLAlchemy's dialect does. A table is found once, by name and
/// schema (default: <c>current_schema()</c>), and the other queries look it up by oid.
/// </summary>
internal sealed class PostgreSqlInspectorQueries : InspectorQueries
{
    public static readonly PostgreSqlInspectorQueries Instance = new();

    // The schema asked for, or the first schema of the search path that exists.
    private const string Schema = "coalesce(CAST(:schema AS text), current_schema())";

    private static readonly TextClause TableNames = RelationNames("IN ('r', 'p')");

    private static readonly TextClause ViewNames = RelationNames("= 'v'");

    // typtype 'e': only an enum counts, not the row type every table has under its own name.
    private static readonly TextClause EnumTypeNames = Expressions.Text(
        "SELECT t.typname FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace " +
        $"WHERE n.nspname = {Schema} AND t.typtype = 'e' ORDER BY t.typname");

    // Tables, partitioned tables, foreign tables, views and materialized views all have columns to reflect.
    // Npgsql writes no unsigned integers, so the oid travels as a bigint.
    private static readonly TextClause Find = Expressions.Text(
        "SELECT CAST(c.oid AS bigint), n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
        $"WHERE c.relname = :table AND n.nspname = {Schema} AND c.relkind IN ('r', 'p', 'f', 'v', 'm')");

    // A generated column's expression is not a default, so it is left out.
    private static readonly TextClause Columns = Expressions.Text(
        "SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, " +
        "CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END, a.attidentity <> '' " +
        "FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum " +
        "WHERE a.attrelid = CAST(:oid AS oid) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum");

    private static readonly TextClause KeyColumns = Expressions.Text(
        "SELECT con.conname, a.attname FROM pg_catalog.pg_constraint con " +
        "CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord) " +
        "JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum " +
        "WHERE con.conrelid = CAST(:oid AS oid) AND CAST(con.contype AS text) = :type ORDER BY con.conname, k.ord");

    // The referred schema is null when it is the default one, as SQLAlchemy reports a table on the search path.
    private static readonly TextClause ForeignKeys = Expressions.Text(
        "SELECT con.conname, CAST(con.confdeltype AS text), CAST(con.confupdtype AS text), " +
        "CASE WHEN rn.nspname = current_schema() THEN NULL ELSE rn.nspname END, rc.relname, la.attname, ra.attname " +
        "FROM pg_catalog.pg_constraint con " +
        "JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid " +
        "JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace " +
        "CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(lnum, rnum, ord) " +
        "JOIN pg_catalog.pg_attribute la ON la.attrelid = con.conrelid AND la.attnum = k.lnum " +
        "JOIN pg_catalog.pg_attribute ra ON ra.attrelid = con.confrelid AND ra.attnum = k.rnum " +
        "WHERE con.conrelid = CAST(:oid AS oid) AND con.contype = 'f' ORDER BY con.conname, k.ord");

    // Indexes behind a primary key, UNIQUE or EXCLUDE constraint belong to the constraint, as in SQLAlchemy; INCLUDE
    // columns (past indnkeyatts) are not key columns. An expression column reads as its SQL text.
    private static readonly TextClause Indexes = Expressions.Text(
        "SELECT ic.relname, i.indisunique, coalesce(CAST(a.attname AS text), pg_catalog.pg_get_indexdef(i.indexrelid, CAST(k.ord AS int), true)) " +
        "FROM pg_catalog.pg_index i " +
        "JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid " +
        "CROSS JOIN LATERAL unnest(CAST(i.indkey AS int2[])) WITH ORDINALITY AS k(attnum, ord) " +
        "LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0 " +
        "WHERE i.indrelid = CAST(:oid AS oid) AND NOT i.indisprimary AND k.ord <= i.indnkeyatts " +
        "AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con " +
        "WHERE con.conrelid = i.indrelid AND con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x')) " +
        "ORDER BY ic.relname, k.ord");

    public override async ValueTask<IReadOnlyList<string>> GetTableNames(Connection connection, bool async, string? schema, CancellationToken cancellationToken) =>
        SortedNames(await Query(connection, async, TableNames, new Dictionary<string, object?> { ["schema"] = schema }, cancellationToken).ConfigureAwait(false));

    public override async ValueTask<IReadOnlyList<string>> GetViewNames(Connection connection, bool async, string? schema, CancellationToken cancellationToken) =>
        SortedNames(await Query(connection, async, ViewNames, new Dictionary<string, object?> { ["schema"] = schema }, cancellationToken).ConfigureAwait(false));

    public override async ValueTask<IReadOnlyList<string>> GetEnumNames(Connection connection, bool async, string? schema, CancellationToken cancellationToken) =>
        SortedNames(await Query(connection, async, EnumTypeNames, new Dictionary<string, object?> { ["schema"] = schema }, cancellationToken).ConfigureAwait(false));

    public override async ValueTask<InspectedTable?> FindTable(Connection connection, bool async, string table, string? schema,
        CancellationToken cancellationToken)
    {
        var rows = await Query(connection, async, Find, new Dictionary<string, object?> { ["table"] = table, ["schema"] = schema }, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : new InspectedTable(table, rows[0].Get<string>(1), rows[0][0]);
    }

    public override async ValueTask<IReadOnlyList<ReflectedColumn>> GetColumns(Connection connection, bool async, InspectedTable table,
        CancellationToken cancellationToken)
    {
        var rows = await Query(connection, async, Columns, new Dictionary<string, object?> { ["oid"] = table.Key }, cancellationToken).ConfigureAwait(false);
        var columns = new ReflectedColumn[rows.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            var row = rows[i];
            var @default = row.Get<string?>(3);
            // SERIAL is an integer column whose default draws from a sequence; IDENTITY has no default at all.
            var autoincrement = row.Get<bool>(4) || (@default?.StartsWith("nextval(", StringComparison.Ordinal) ?? false);
            columns[i] = new ReflectedColumn(row.Get<string>(0), row.Get<string>(1), row.Get<bool>(2), @default, autoincrement);
        }
        return columns;
    }

    public override async ValueTask<ReflectedPrimaryKey> GetPrimaryKey(Connection connection, bool async, InspectedTable table,
        CancellationToken cancellationToken)
    {
        var rows = await Query(connection, async, KeyColumns, new Dictionary<string, object?> { ["oid"] = table.Key, ["type"] = "p" }, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? new ReflectedPrimaryKey(null, []) : new ReflectedPrimaryKey(rows[0].Get<string>(0), Column(rows, 1));
    }

    public override async ValueTask<IReadOnlyList<ReflectedForeignKey>> GetForeignKeys(Connection connection, bool async, InspectedTable table,
        CancellationToken cancellationToken)
    {
        var rows = await Query(connection, async, ForeignKeys, new Dictionary<string, object?> { ["oid"] = table.Key }, cancellationToken).ConfigureAwait(false);
        var keys = new List<ReflectedForeignKey>();
        foreach (var run in Runs(rows, static row => row[0]))
        {
            var first = run[0];
            keys.Add(new ReflectedForeignKey(first.Get<string>(0), Column(run, 5), first.Get<string>(4), Column(run, 6), first.Get<string?>(3),
                Action(first.Get<string>(1)), Action(first.Get<string>(2))));
        }
        return keys;
    }

    public override async ValueTask<IReadOnlyList<ReflectedIndex>> GetIndexes(Connection connection, bool async, InspectedTable table,
        CancellationToken cancellationToken)
    {
        var rows = await Query(connection, async, Indexes, new Dictionary<string, object?> { ["oid"] = table.Key }, cancellationToken).ConfigureAwait(false);
        var indexes = new List<ReflectedIndex>();
        foreach (var run in Runs(rows, static row => row[0]))
            indexes.Add(new ReflectedIndex(run[0].Get<string>(0), Column(run, 2), run[0].Get<bool>(1)));
        return indexes;
    }

    public override async ValueTask<IReadOnlyList<ReflectedUniqueConstraint>> GetUniqueConstraints(Connection connection, bool async,
        InspectedTable table, CancellationToken cancellationToken)
    {
        var rows = await Query(connection, async, KeyColumns, new Dictionary<string, object?> { ["oid"] = table.Key, ["type"] = "u" }, cancellationToken).ConfigureAwait(false);
        var constraints = new List<ReflectedUniqueConstraint>();
        foreach (var run in Runs(rows, static row => row[0]))
            constraints.Add(new ReflectedUniqueConstraint(run[0].Get<string>(0), Column(run, 1)));
        return constraints;
    }

    private static string[] Column(IReadOnlyList<Row> rows, int index) => [.. rows.Select(row => row.Get<string>(index))];

    // pg_constraint's one-letter codes; 'a' (NO ACTION, the default) is null, as SQLAlchemy reports it.
    private static string? Action(string code) => code switch
    {
        "c" => "CASCADE",
        "n" => "SET NULL",
        "d" => "SET DEFAULT",
        "r" => "RESTRICT",
        _ => null,
    };

    // The names of the schema's relations whose relkind matches (tables and partitioned tables, or views), in order.
    private static TextClause RelationNames(string relkind) => Expressions.Text(
        "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
        $"WHERE n.nspname = {Schema} AND c.relkind {relkind} ORDER BY c.relname");
}
