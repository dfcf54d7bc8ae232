using Framework.Sql;

namespace Framework;

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
        var (order, cycles) = TableOrder.Sort(tables);
        var deferred = dialect.SupportsAlterForeignKey ? cycles : [];
        CheckIndexNames(order, dialect);
        var existing = checkFirst ? await ExistingTables(connection, async, cancellationToken).ConfigureAwait(false) : [];
        var created = order.Where(t => !existing.Contains(t.Name)).ToList();
        // A PostgreSQL enum type comes first, once, however many of the tables to be made use it.
        var enums = EnumTypes(dialect, created);
        var existingEnums = checkFirst && enums.Count > 0 ? await ExistingEnumTypes(connection, async, cancellationToken).ConfigureAwait(false) : [];
        // Every statement is written before the first runs, so a name the dialect refuses stops the whole set, not half of it.
        var typeStatements = enums.Where(t => !existingEnums.Contains(t.Name!)).Select(t => DdlCompiler.CreateEnumType(t, dialect)).ToList();
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
        foreach (var statement in typeStatements)
            await Run(connection, statement, async, cancellationToken).ConfigureAwait(false);
        if (enums.Count > 0)
        {
            // The driver may know the database's types from before these existed (Npgsql does, per data source); it
            // learns them on this connection, and the pool's older connections, which cannot, are replaced.
            var raw = await connection.GetRawConnection(async, cancellationToken).ConfigureAwait(false);
            await connection.Driver.TypesCreated(raw, async, cancellationToken).ConfigureAwait(false);
            connection.Engine.Pool.ExpireOlder();
        }
        foreach (var statement in statements)
            await Run(connection, statement, async, cancellationToken).ConfigureAwait(false);
    }

    public static async ValueTask Drop(Connection connection, IReadOnlyList<Table> tables, bool checkFirst, bool async,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var dialect = connection.Dialect;
        var (order, cycles) = TableOrder.Sort(tables);
        // The enum types go after the tables, except one that a table of the same MetaData left standing still uses.
        var dropping = tables.ToHashSet();
        var kept = tables.Select(t => t.MetaData).Distinct().SelectMany(m => m.Tables.Values).Where(t => !dropping.Contains(t));
        var keptNames = EnumTypes(dialect, kept).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var enums = EnumTypes(dialect, tables).Where(t => !keptNames.Contains(t.Name)).ToList();
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
        // Even when none of the tables existed a type may (left by a create that failed half-way), so it is looked up itself.
        var existingEnums = checkFirst && enums.Count > 0 ? await ExistingEnumTypes(connection, async, cancellationToken).ConfigureAwait(false) : null;
        foreach (var type in enums)
        {
            if (existingEnums is null || existingEnums.Contains(type.Name!))
                statements.Add(DdlCompiler.DropEnumType(type, dialect));
        }
        foreach (var statement in statements)
            await Run(connection, statement, async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The PostgreSQL enum types <paramref name="tables"/> use (an array's elements included), each once, in the order
    /// first met. Two enums under one name, or an enum named as a table, are refused before any DDL runs.
    /// </summary>
    public static IReadOnlyList<SqlType> EnumTypes(Dialect dialect, IEnumerable<Table> tables)
    {
        var types = new List<SqlType>();
        if (!dialect.SupportsNativeEnums)
            return types;
        var users = new Dictionary<string, Column>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            foreach (var column in table.C)
            {
                var type = column.Type.Kind == SqlTypeKind.Array ? column.Type.ElementType : column.Type;
                if (type is not { Kind: SqlTypeKind.Enum, Native: true })
                    continue;
                var name = type.RequireName();
                if (users.TryGetValue(name, out var other))
                {
                    var otherType = other.Type.ElementType ?? other.Type;
                    if (otherType.EnumType != type.EnumType)
                    {
                        throw new InvalidOperationException(
                            $"Columns {Identifiers.Shortened(other.ToString())} and {Identifiers.Shortened(column.ToString())} both name the PostgreSQL enum type {Identifiers.Quoted(name)}, for {otherType.EnumType?.Name} and {type.EnumType?.Name}. " +
                            $"Give one of them a name of its own: SqlType.Enum(typeof({type.EnumType?.Name}), name: \"...\").");
                    }
                    continue;
                }
                // Every PostgreSQL table has a row type of its own name, so CREATE TYPE would fail, or CREATE TABLE find the wrong type.
                if (table.MetaData.Tables.ContainsKey(name))
                {
                    throw new InvalidOperationException(
                        $"Column {Identifiers.Shortened(column.ToString())} names the PostgreSQL enum type {Identifiers.Quoted(name)}, which is also a table's name, and PostgreSQL gives every table a type of " +
                        $"its name. Give the enum another: SqlType.Enum(typeof({type.EnumType?.Name}), name: \"...\").");
                }
                users.Add(name, column);
                types.Add(type);
            }
        }
        return types;
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
                        $"Tables {Identifiers.Quoted(other.Name)} and {Identifiers.Quoted(table.Name)} would both create an index named {Identifiers.Quoted(name)}. Give one of them an explicit TableIndex with another name.");
                }
                owners[name] = table;
            }
        }
    }

    private static async ValueTask<HashSet<string>> ExistingTables(Connection connection, bool async, CancellationToken cancellationToken) =>
        [.. await new InspectorCore(connection).GetTableNames(async, schema: null, cancellationToken).ConfigureAwait(false)];

    private static async ValueTask<HashSet<string>> ExistingEnumTypes(Connection connection, bool async, CancellationToken cancellationToken) =>
        [.. await connection.Driver.InspectorQueries.GetEnumNames(connection, async, schema: null, cancellationToken).ConfigureAwait(false)];

    private static ValueTask<Result> Run(Connection connection, string sql, bool async, CancellationToken cancellationToken) =>
        connection.Execute(async, new DdlStatement(sql), null, null, stream: false, cancellationToken);
}
