using Framework.Tests.Infrastructure;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Schema;

public abstract class InspectorTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : EngineTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    /// <summary>The names of one test's schema: a parent with a composite key, a child referring to it, and a view.</summary>
    private sealed record Names(string Parent, string Child, string View);

    /// <summary>
    /// parent (composite primary key, a NOT NULL column with a DEFAULT); child (auto id, a composite foreign key ON
    /// DELETE CASCADE, a UNIQUE constraint, a plain index and a unique index); a view over child.
    /// </summary>
    private async Task<Names> CreateSchema(AsyncEngine engine)
    {
        var names = new Names(TableName("p"), TableName("c"), TableName("v"));
        var (parent, child, view) = names;
        await engine.BeginAsync(async conn =>
        {
            await conn.ExecuteAsync(Text(
                $"CREATE TABLE {parent} (id INTEGER NOT NULL, code VARCHAR(20) NOT NULL, name VARCHAR(50) NOT NULL DEFAULT 'unnamed', " +
                $"CONSTRAINT pk_{parent} PRIMARY KEY (id, code))"));
            await conn.ExecuteAsync(Text(
                $"CREATE TABLE {child} ({Db.AutoId}, parent_id INTEGER NOT NULL, parent_code VARCHAR(20) NOT NULL, email VARCHAR(100), " +
                $"slot INTEGER, note TEXT, " +
                $"CONSTRAINT fk_{child} FOREIGN KEY (parent_id, parent_code) REFERENCES {parent} (id, code) ON DELETE CASCADE, " +
                $"CONSTRAINT uq_{child} UNIQUE (email, slot))"));
            await conn.ExecuteAsync(Text($"CREATE INDEX ix_{child} ON {child} (note)"));
            await conn.ExecuteAsync(Text($"CREATE UNIQUE INDEX ux_{child} ON {child} (slot)"));
            await conn.ExecuteAsync(Text($"CREATE VIEW {view} AS SELECT id, email FROM {child}"));
        });
        return names;
    }

    /// <summary>Runs one inspection through the async inspector or the sync one, on the same connection.</summary>
    private static async Task<T> Inspect<T>(AsyncConnection conn, bool async, Func<AsyncInspector, ValueTask<T>> asyncCall, Func<Inspector, T> syncCall) =>
        async ? await asyncCall(await conn.InspectAsync()) : syncCall(Inspector.For(conn.SyncConnection));

    private string Integer => Db.IsPostgres ? "integer" : "INTEGER";

    private string Varchar(int length) => Db.IsPostgres ? $"character varying({length})" : $"VARCHAR({length})";

    [Theory, InlineData(false), InlineData(true)]
    public async Task Table_and_view_names_are_listed_apart_and_sorted(bool async)
    {
        var engine = CreateEngine();
        var (parent, child, view) = await CreateSchema(engine);
        await using var conn = await Connect(engine, async);

        var tables = await Inspect(conn, async, i => i.GetTableNamesAsync(), i => i.GetTableNames());
        var views = await Inspect(conn, async, i => i.GetViewNamesAsync(), i => i.GetViewNames());
        var explicitSchema = await Inspect(conn, async, i => i.GetTableNamesAsync(Db.IsPostgres ? "public" : "main"), i => i.GetTableNames(Db.IsPostgres ? "public" : "main"));

        Assert.Contains(parent, tables);
        Assert.Contains(child, tables);
        Assert.DoesNotContain(view, tables);
        Assert.DoesNotContain(tables, name => name.StartsWith("sqlite_", StringComparison.Ordinal));
        Assert.Equal(tables.Order(StringComparer.Ordinal), tables);
        Assert.Contains(view, views);
        Assert.DoesNotContain(parent, views);
        Assert.Equal(views.Order(StringComparer.Ordinal), views);
        Assert.Equal(tables, explicitSchema);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Columns_come_in_ordinal_order_with_type_nullability_default_and_autoincrement(bool async)
    {
        var engine = CreateEngine();
        var (parent, child, view) = await CreateSchema(engine);
        await using var conn = await Connect(engine, async);

        var parentColumns = await Inspect(conn, async, i => i.GetColumnsAsync(parent), i => i.GetColumns(parent));
        var childColumns = await Inspect(conn, async, i => i.GetColumnsAsync(child), i => i.GetColumns(child));
        var viewColumns = await Inspect(conn, async, i => i.GetColumnsAsync(view), i => i.GetColumns(view));

        Assert.Equal(
            [
                new ReflectedColumn("id", Integer, false, null, false),
                new ReflectedColumn("code", Varchar(20), false, null, false),
                new ReflectedColumn("name", Varchar(50), false, Db.IsPostgres ? "'unnamed'::character varying" : "'unnamed'", false),
            ],
            parentColumns);
        Assert.Equal(["id", "parent_id", "parent_code", "email", "slot", "note"], childColumns.Select(c => c.Name));
        var id = childColumns[0];
        Assert.True(id.Autoincrement);
        Assert.False(id.Nullable);
        if (Db.IsPostgres)
            Assert.StartsWith("nextval(", id.Default);
        else
            Assert.Null(id.Default);
        Assert.Equal(new ReflectedColumn("email", Varchar(100), true, null, false), childColumns[3]);
        Assert.Equal(new ReflectedColumn("note", Db.IsPostgres ? "text" : "TEXT", true, null, false), childColumns[5]);
        Assert.Equal(["id", "email"], viewColumns.Select(c => c.Name));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Primary_key_lists_its_columns_in_key_order(bool async)
    {
        var engine = CreateEngine();
        var (parent, child, view) = await CreateSchema(engine);
        await using var conn = await Connect(engine, async);

        var parentKey = await Inspect(conn, async, i => i.GetPrimaryKeyAsync(parent), i => i.GetPrimaryKey(parent));
        var childKey = await Inspect(conn, async, i => i.GetPrimaryKeyAsync(child), i => i.GetPrimaryKey(child));
        var viewKey = await Inspect(conn, async, i => i.GetPrimaryKeyAsync(view), i => i.GetPrimaryKey(view));

        Assert.Equal(new ReflectedPrimaryKey(Db.IsPostgres ? $"pk_{parent}" : null, ["id", "code"]), parentKey);
        Assert.Equal(["id"], childKey.Columns);
        Assert.Null(viewKey.Name);
        Assert.Empty(viewKey.Columns);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Foreign_keys_pair_columns_with_referred_columns_and_report_their_actions(bool async)
    {
        var engine = CreateEngine();
        var (parent, child, _) = await CreateSchema(engine);
        await using var conn = await Connect(engine, async);

        var childKeys = await Inspect(conn, async, i => i.GetForeignKeysAsync(child), i => i.GetForeignKeys(child));
        var parentKeys = await Inspect(conn, async, i => i.GetForeignKeysAsync(parent), i => i.GetForeignKeys(parent));

        Assert.Equal([new ReflectedForeignKey($"fk_{child}", ["parent_id", "parent_code"], parent, ["id", "code"], null, "CASCADE", null)], childKeys);
        Assert.Empty(parentKeys);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Foreign_key_without_a_column_list_refers_to_the_primary_key_and_reports_set_null(bool async)
    {
        var engine = CreateEngine();
        var (parent, _, _) = await CreateSchema(engine);
        var other = TableName("o");
        await engine.BeginAsync(async c => await c.ExecuteAsync(Text(
            $"CREATE TABLE {other} (pid INTEGER, pcode VARCHAR(20), FOREIGN KEY (pid, pcode) REFERENCES {parent} ON DELETE SET NULL ON UPDATE RESTRICT)")));
        await using var conn = await Connect(engine, async);

        var key = Assert.Single(await Inspect(conn, async, i => i.GetForeignKeysAsync(other), i => i.GetForeignKeys(other)));

        Assert.Equal(Db.IsPostgres ? $"{other}_pid_pcode_fkey" : null, key.Name);
        Assert.Equal(["pid", "pcode"], key.Columns);
        Assert.Equal(["id", "code"], key.ReferredColumns);
        Assert.Equal("SET NULL", key.OnDelete);
        Assert.Equal("RESTRICT", key.OnUpdate);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Indexes_leave_out_those_behind_the_primary_key_and_unique_constraints(bool async)
    {
        var engine = CreateEngine();
        var (parent, child, _) = await CreateSchema(engine);
        await using var conn = await Connect(engine, async);

        var childIndexes = await Inspect(conn, async, i => i.GetIndexesAsync(child), i => i.GetIndexes(child));
        var parentIndexes = await Inspect(conn, async, i => i.GetIndexesAsync(parent), i => i.GetIndexes(parent));

        Assert.Equal(
            [new ReflectedIndex($"ix_{child}", ["note"], false), new ReflectedIndex($"ux_{child}", ["slot"], true)],
            childIndexes);
        Assert.Empty(parentIndexes);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Unique_constraints_are_reported_with_their_names_and_columns(bool async)
    {
        var engine = CreateEngine();
        var (parent, child, _) = await CreateSchema(engine);
        var unnamed = TableName("u");
        await engine.BeginAsync(async c => await c.ExecuteAsync(Text($"CREATE TABLE {unnamed} (a INTEGER UNIQUE, b INTEGER, c INTEGER, UNIQUE (b, c))")));
        await using var conn = await Connect(engine, async);

        var constraints = await Inspect(conn, async, i => i.GetUniqueConstraintsAsync(child), i => i.GetUniqueConstraints(child));
        var none = await Inspect(conn, async, i => i.GetUniqueConstraintsAsync(parent), i => i.GetUniqueConstraints(parent));
        var generated = await Inspect(conn, async, i => i.GetUniqueConstraintsAsync(unnamed), i => i.GetUniqueConstraints(unnamed));

        Assert.Equal([new ReflectedUniqueConstraint($"uq_{child}", ["email", "slot"])], constraints);
        Assert.Empty(none);
        Assert.Equal([["a"], ["b", "c"]], generated.Select(u => u.Columns).OrderBy(c => c.Count));
        // PostgreSQL names an unnamed constraint itself; SQLite keeps no name.
        Assert.Equal(Db.IsPostgres ? [$"{unnamed}_a_key", $"{unnamed}_b_c_key"] : [null, null], generated.Select(u => u.Name).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task HasTable_answers_for_tables_and_views_and_a_missing_table_raises_NoSuchTableException(bool async)
    {
        var engine = CreateEngine();
        var (parent, _, view) = await CreateSchema(engine);
        await using var conn = await Connect(engine, async);
        var missing = TableName("missing");

        Assert.True(await Inspect(conn, async, i => i.HasTableAsync(parent), i => i.HasTable(parent)));
        Assert.True(await Inspect(conn, async, i => i.HasTableAsync(view), i => i.HasTable(view)));
        Assert.False(await Inspect(conn, async, i => i.HasTableAsync(missing), i => i.HasTable(missing)));
        Assert.False(await Inspect(conn, async, i => i.HasTableAsync(parent, "no_such_schema"), i => i.HasTable(parent, "no_such_schema")));

        var error = await Assert.ThrowsAsync<NoSuchTableException>(() => Inspect(conn, async, i => i.GetColumnsAsync(missing), i => i.GetColumns(missing)));
        Assert.Equal("FWK2005", error.Code);
        Assert.Equal(missing, error.Table);
        Assert.Null(error.Schema);
        Assert.Contains(missing, error.Message);
        Assert.Contains("HasTable", error.Message);
        Assert.Contains("MetaData.CreateAll", error.Message);
        await Assert.ThrowsAsync<NoSuchTableException>(() => Inspect(conn, async, i => i.GetPrimaryKeyAsync(missing), i => i.GetPrimaryKey(missing)));
        await Assert.ThrowsAsync<NoSuchTableException>(() => Inspect(conn, async, i => i.GetForeignKeysAsync(missing), i => i.GetForeignKeys(missing)));
        await Assert.ThrowsAsync<NoSuchTableException>(() => Inspect(conn, async, i => i.GetIndexesAsync(missing), i => i.GetIndexes(missing)));
        await Assert.ThrowsAsync<NoSuchTableException>(() => Inspect(conn, async, i => i.GetUniqueConstraintsAsync(missing), i => i.GetUniqueConstraints(missing)));
        var inSchema = await Assert.ThrowsAsync<NoSuchTableException>(() =>
            Inspect(conn, async, i => i.GetColumnsAsync(parent, "no_such_schema"), i => i.GetColumns(parent, "no_such_schema")));
        Assert.Equal("no_such_schema", inSchema.Schema);
        Assert.Contains("schema 'no_such_schema'", inSchema.Message);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_named_schema_is_inspected_apart_from_the_default_one(bool async)
    {
        var engine = CreateEngine(new() { Autocommit = true });
        var (parent, _, _) = await CreateSchema(engine);
        var schema = TableName("s");
        var table = TableName("t");
        var back = TableName("b");
        await using var conn = await Connect(engine, async);
        // A PostgreSQL schema, or an attached SQLite database (on this connection only).
        await Execute(conn, async, Text(Db.IsPostgres ? $"CREATE SCHEMA {schema}" : $"ATTACH DATABASE ':memory:' AS {schema}"));
        await Execute(conn, async, Text(Db.IsPostgres
            ? $"CREATE TABLE {schema}.{table} (id INTEGER NOT NULL, code VARCHAR(20) NOT NULL, PRIMARY KEY (id), FOREIGN KEY (id, code) REFERENCES {parent} (id, code))"
            : $"CREATE TABLE {schema}.{table} (id INTEGER NOT NULL, code VARCHAR(20) NOT NULL, PRIMARY KEY (id))"));

        var tables = await Inspect(conn, async, i => i.GetTableNamesAsync(schema), i => i.GetTableNames(schema));
        var inDefault = await Inspect(conn, async, i => i.HasTableAsync(table), i => i.HasTable(table));
        var inSchema = await Inspect(conn, async, i => i.HasTableAsync(table, schema), i => i.HasTable(table, schema));
        var columns = await Inspect(conn, async, i => i.GetColumnsAsync(table, schema), i => i.GetColumns(table, schema));
        var key = await Inspect(conn, async, i => i.GetPrimaryKeyAsync(table, schema), i => i.GetPrimaryKey(table, schema));

        Assert.Equal([table], tables);
        Assert.False(inDefault);
        Assert.True(inSchema);
        Assert.Equal(["id", "code"], columns.Select(c => c.Name));
        Assert.Equal(["id"], key.Columns);
        if (Db.IsPostgres)
        {
            // SQLite has no foreign keys across databases; PostgreSQL names the referred schema unless it is the default one.
            var outward = Assert.Single(await Inspect(conn, async, i => i.GetForeignKeysAsync(table, schema), i => i.GetForeignKeys(table, schema)));
            Assert.Equal(parent, outward.ReferredTable);
            Assert.Null(outward.ReferredSchema);
            await Execute(conn, async, Text($"CREATE TABLE {back} (ref INTEGER REFERENCES {schema}.{table} (id) ON UPDATE CASCADE)"));
            var inward = Assert.Single(await Inspect(conn, async, i => i.GetForeignKeysAsync(back), i => i.GetForeignKeys(back)));
            Assert.Equal(schema, inward.ReferredSchema);
            Assert.Equal(table, inward.ReferredTable);
            Assert.Equal(["id"], inward.ReferredColumns);
            Assert.Equal("CASCADE", inward.OnUpdate);
            Assert.Null(inward.OnDelete);
        }
    }

    [Fact]
    public async Task Sync_inspector_runs_inside_RunSyncAsync_and_matches_the_async_one()
    {
        var engine = CreateEngine();
        var (parent, child, view) = await CreateSchema(engine);
        await using var conn = await engine.ConnectAsync();

        static IReadOnlyList<string> UseInspector(Connection connection)
        {
            var inspector = Inspector.For(connection);
            Assert.NotEmpty(inspector.GetViewNames());
            return inspector.GetTableNames();
        }
        var fromSync = await conn.RunSyncAsync(UseInspector);
        var inspector = await conn.InspectAsync();
        var fromAsync = await inspector.GetTableNamesAsync();

        Assert.Equal(fromAsync, fromSync);
        Assert.Contains(parent, fromSync);
        Assert.Equal(await inspector.GetColumnsAsync(child), inspector.SyncInspector.GetColumns(child));
        Assert.Equal(await inspector.GetViewNamesAsync(), await conn.RunSyncAsync(c => Inspector.For(c).GetViewNames()));
        Assert.Contains(view, inspector.SyncInspector.GetViewNames());
        Assert.Same(conn, inspector.Connection);
        Assert.Same(conn.SyncConnection, inspector.SyncInspector.Connection);
    }

    [Fact]
    public async Task InspectAsync_honours_a_cancelled_token()
    {
        var engine = CreateEngine();
        await using var conn = await engine.ConnectAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await conn.InspectAsync(new CancellationToken(canceled: true)));
    }
}

public sealed class SqliteInspectorTests(DatabaseFixture<SqliteDatabase> fixture) : InspectorTests<SqliteDatabase>(fixture);

public sealed class PostgresInspectorTests(DatabaseFixture<PostgresDatabase> fixture) : InspectorTests<PostgresDatabase>(fixture);
