namespace Framework.Sql;

/// <summary>
/// Creates and drops sets of tables in foreign-key order, written once for both faces (<c>bool async</c>). A cycle of
/// foreign keys is broken by adding the closing key with ALTER TABLE after the tables exist, where the dialect
/// can; SQLite, which checks references only when rows change, takes every key inline.
/// </summary>
internal static class SchemaGenerator
{
    public static async ValueTask Create(Connection connection, IReadOnlyList<Table> tables, bool checkFirst, bool async,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var dialect = connection.Dialect;
        var (order, cycles) = Sort(tables);
        var deferred = dialect.SupportsAlterForeignKey ? cycles : [];
        CheckIndexNames(order, dialect);
        var existing = checkFirst ? await ExistingTables(connection, async, cancellationToken).ConfigureAwait(false) : [];
        var created = order.Where(t => !existing.Contains(t.Name)).ToList();
        // Every statement is written before the first runs, so a name the dialect refuses stops the whole set, not half of it.
        var statements = new List<string>();
        foreach (var table in created)
        {
            statements.Add(DdlCompiler.CreateTable(table, dialect, deferred));
            statements.AddRange(DdlCompiler.CreateIndexes(table, dialect));
        }
        foreach (var foreignKey in deferred)
        {
            if (created.Contains(foreignKey.Parent.Table!))
                statements.Add(DdlCompiler.AddForeignKey(foreignKey, foreignKey.Parent.Table!.MetaData, dialect));
        }
        foreach (var statement in statements)
            await Run(connection, statement, async, cancellationToken).ConfigureAwait(false);
    }

    public static async ValueTask Drop(Connection connection, IReadOnlyList<Table> tables, bool checkFirst, bool async,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var dialect = connection.Dialect;
        var (order, cycles) = Sort(tables);
        var existing = checkFirst ? await ExistingTables(connection, async, cancellationToken).ConfigureAwait(false) : null;
        bool Exists(Table table) => existing is null || existing.Contains(table.Name);
        var statements = new List<string>();
        if (dialect.SupportsAlterForeignKey)
        {
            // The keys closing a cycle go first, so every table can then be dropped after those that reference it.
            foreach (var foreignKey in cycles)
            {
                if (Exists(foreignKey.Parent.Table!) && Exists(foreignKey.Parent.Table!.MetaData.Tables[foreignKey.TargetTable]))
                    statements.Add(DdlCompiler.DropForeignKey(foreignKey, dialect));
            }
        }
        for (var i = order.Count - 1; i >= 0; i--)
        {
            if (Exists(order[i]))
                statements.Add(DdlCompiler.DropTable(order[i], dialect));
        }
        foreach (var statement in statements)
            await Run(connection, statement, async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Orders tables so each follows the tables it references, keeping declaration order otherwise. When a cycle
    /// leaves no table free to go next, the first remaining table goes, and its keys to tables not yet placed are
    /// returned as the ones that close cycles.
    /// </summary>
    public static (IReadOnlyList<Table> Tables, HashSet<ForeignKey> Cycles) Sort(IReadOnlyList<Table> tables)
    {
        var remaining = new List<Table>(tables);
        var placed = new HashSet<Table>();
        var order = new List<Table>(tables.Count);
        var cycles = new HashSet<ForeignKey>();
        bool Ready(Table table) => table.ForeignKeys.All(fk =>
            fk.TargetTable == table.Name || !remaining.Exists(t => t.Name == fk.TargetTable) || placed.Any(t => t.Name == fk.TargetTable));
        while (remaining.Count > 0)
        {
            var next = remaining.Find(Ready);
            if (next is null)
            {
                next = remaining[0];
                foreach (var foreignKey in next.ForeignKeys)
                {
                    if (foreignKey.TargetTable != next.Name && !placed.Any(t => t.Name == foreignKey.TargetTable))
                        cycles.Add(foreignKey);
                }
            }
            remaining.Remove(next);
            placed.Add(next);
            order.Add(next);
        }
        return (order, cycles);
    }

    /// <summary>Index names share one namespace per schema: two tables' indexes with one name would fail half-way through.</summary>
    private static void CheckIndexNames(IReadOnlyList<Table> tables, Dialect dialect)
    {
        var owners = new Dictionary<string, Table>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            foreach (var (name, _, _) in DdlCompiler.Indexes(table, dialect))
            {
                if (owners.TryGetValue(name, out var other))
                {
                    throw new InvalidOperationException(
                        $"Tables '{other.Name}' and '{table.Name}' would both create an index named '{name}'. Give one of them an explicit TableIndex with another name.");
                }
                owners[name] = table;
            }
        }
    }

    private static async ValueTask<HashSet<string>> ExistingTables(Connection connection, bool async, CancellationToken cancellationToken) =>
        [.. await new InspectorCore(connection).GetTableNames(async, schema: null, cancellationToken).ConfigureAwait(false)];

    private static ValueTask<Result> Run(Connection connection, string sql, bool async, CancellationToken cancellationToken) =>
        connection.Execute(async, new DdlStatement(sql), null, null, stream: false, cancellationToken);
}
