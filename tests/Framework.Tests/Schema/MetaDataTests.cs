using Framework.Sql;
using Framework.Tests.Infrastructure;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Schema;

public abstract class MetaDataTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : EngineTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    private static (MetaData Meta, Table Parent, Table Child) Model(string prefix)
    {
        var meta = new MetaData();
        // Declared before what it references: CreateAll orders by foreign keys, not by declaration.
        var child = new Table($"{prefix}_child", meta,
            new Column<int>("id", primaryKey: true),
            new Column<int?>("parent_id", foreignKey: new ForeignKey($"{prefix}_parent.id", onDelete: "CASCADE"), index: true),
            new Column<decimal>("price", type: SqlType.Numeric(10, 2)),
            new CheckConstraint("price >= 0"));
        var parent = new Table($"{prefix}_parent", meta,
            new Column<int>("id", primaryKey: true),
            new Column<string>("name", type: SqlType.String(50), nullable: false, unique: true),
            new Column<DateTime>("created", serverDefault: "CURRENT_TIMESTAMP"));
        return (meta, parent, child);
    }

    private static async Task<HashSet<string>> Tables(AsyncConnection conn, bool async, string prefix)
    {
        var sql = Text(conn.Engine.Dialect.Name == "postgresql"
            ? "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            : "SELECT name FROM sqlite_master WHERE type = 'table'");
        var names = async ? (await conn.ScalarsAsync<string>(sql)).All() : conn.SyncConnection.Scalars<string>(sql).All();
        return [.. names.Where(n => n.StartsWith(prefix, StringComparison.Ordinal))];
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task CreateAll_creates_tables_in_foreign_key_order_and_DropAll_removes_them(bool async)
    {
        var prefix = TableName("m");
        var (meta, parent, child) = Model(prefix);
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);

        await CreateAll(meta, conn, async);

        Assert.Equal([child.Name, parent.Name], (await Tables(conn, async, prefix)).Order());
        Assert.Equal([parent, child], meta.SortedTables);
        await Execute(conn, async, Text($"INSERT INTO {parent.Name} (name) VALUES ('p')"));
        var parentId = (await Execute(conn, async, Text($"SELECT id FROM {parent.Name}"))).Scalar<int>();
        await Execute(conn, async, Text($"INSERT INTO {child.Name} (parent_id, price) VALUES (:p, 1.5)"), new { p = parentId });
        Assert.NotNull((await Execute(conn, async, Text($"SELECT created FROM {parent.Name}"))).Scalar());
        await Assert.ThrowsAsync<IntegrityException>(() => Execute(conn, async, Text($"INSERT INTO {parent.Name} (name) VALUES ('p')")));
        await Rollback(conn, async);

        await DropAll(meta, conn, async);
        Assert.Empty(await Tables(conn, async, prefix));
        await Commit(conn, async);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task CreateAll_and_DropAll_check_first_by_default_and_can_be_told_not_to(bool async)
    {
        var prefix = TableName("c");
        var (meta, _, _) = Model(prefix);
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);

        for (var i = 0; i < 2; i++)
        {
            await CreateAll(meta, conn, async);
        }
        await Commit(conn, async);
        var error = await Assert.ThrowsAnyAsync<DatabaseException>(() => CreateAll(meta, conn, async, checkFirst: false));
        Assert.Contains("CREATE TABLE", error.Sql);
        await Rollback(conn, async);

        for (var i = 0; i < 2; i++)
        {
            await DropAll(meta, conn, async);
        }
        Assert.Empty(await Tables(conn, async, prefix));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Tables_that_reference_each_other_are_created_and_dropped(bool async)
    {
        var prefix = TableName("y");
        var meta = new MetaData();
        new Table($"{prefix}_a", meta, new Column<int>("id", primaryKey: true), new Column<int?>("b_id", foreignKey: new ForeignKey($"{prefix}_b.id")));
        new Table($"{prefix}_b", meta, new Column<int>("id", primaryKey: true), new Column<int?>("a_id", foreignKey: new ForeignKey($"{prefix}_a.id")),
            new Column<int?>("parent_id", foreignKey: new ForeignKey($"{prefix}_b.id")));
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);

        await CreateAll(meta, conn, async);
        await Execute(conn, async, Text($"INSERT INTO {prefix}_b (id) VALUES (1)"));
        await Execute(conn, async, Text($"INSERT INTO {prefix}_a (id, b_id) VALUES (1, 1)"));
        await Assert.ThrowsAsync<IntegrityException>(() => Execute(conn, async, Text($"INSERT INTO {prefix}_a (id, b_id) VALUES (2, 99)")));
        await Rollback(conn, async);

        await DropAll(meta, conn, async);
        Assert.Empty(await Tables(conn, async, prefix));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Hostile_names_are_quoted_and_work(bool async)
    {
        var name = $"Odd \"Name\"; DROP TABLE x; -- {Guid.NewGuid():N}";
        var meta = new MetaData();
        var table = new Table(name, meta, new Column<int>("order", primaryKey: true), new Column<string>("Select Me"));
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);

        if (async)
            await table.CreateAsync(conn);
        else
            table.Create(conn.SyncConnection);
        var quoted = "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await Execute(conn, async, Text($"INSERT INTO {quoted} (\"Select Me\") VALUES (:v)"), new { v = "ok" });

        Assert.Equal("ok", (await Execute(conn, async, Text($"SELECT \"Select Me\" FROM {quoted}"))).Scalar());
        if (async)
            await table.DropAsync(conn);
        else
            table.Drop(conn.SyncConnection);
        Assert.Empty(await Tables(conn, async, "Odd"));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task The_inspector_reflects_what_CreateAll_made(bool async)
    {
        var prefix = TableName("r");
        var meta = new MetaData();
        var parent = new Table($"{prefix}_parent", meta,
            new Column<int>("id", primaryKey: true),
            new Column<string>("code", type: SqlType.String(20), nullable: false),
            new Column<int>("version", serverDefault: "1"),
            new UniqueConstraint($"uq_{prefix}_code", "code"));
        var child = new Table($"{prefix}_child", meta,
            new Column<int>("parent_id", primaryKey: true, foreignKey: new ForeignKey($"{prefix}_parent.id", onDelete: "CASCADE")),
            new Column<int>("line", primaryKey: true),
            new Column<string>("note", index: true),
            new TableIndex($"ix_{prefix}_pair", unique: true, "note", "line"));
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);
        await CreateAll(meta, conn, async);
        var inspector = async ? (await conn.InspectAsync()).SyncInspector : Inspector.For(conn.SyncConnection);

        var columns = inspector.GetColumns(parent.Name);
        Assert.Equal(["id", "code", "version"], columns.Select(c => c.Name));
        Assert.Equal([false, false, true], columns.Select(c => c.Nullable));
        Assert.True(columns[0].Autoincrement);
        Assert.Contains("20", columns[1].Type, StringComparison.Ordinal);
        Assert.Equal("1", columns[2].Default);
        Assert.Equal(["id"], inspector.GetPrimaryKey(parent.Name).Columns);
        Assert.Equal([$"uq_{prefix}_code"], inspector.GetUniqueConstraints(parent.Name).Select(u => u.Name));

        Assert.Equal(["parent_id", "line"], inspector.GetPrimaryKey(child.Name).Columns);
        var foreignKey = Assert.Single(inspector.GetForeignKeys(child.Name));
        Assert.Equal(["parent_id"], foreignKey.Columns);
        Assert.Equal(["id"], foreignKey.ReferredColumns);
        Assert.Equal((parent.Name, "CASCADE"), (foreignKey.ReferredTable, foreignKey.OnDelete));
        Assert.Equal([($"ix_{child.Name}_note", false), ($"ix_{prefix}_pair", true)],
            inspector.GetIndexes(child.Name).Select(i => (i.Name, i.Unique)).OrderBy(i => i.Unique));
        Assert.False(columns[0].Autoincrement && inspector.GetColumns(child.Name)[0].Autoincrement);
    }

    [Fact]
    public async Task The_synopsis_shapes_run_CreateAll_and_DropAll_through_RunSyncAsync()
    {
        var meta = new MetaData();
        var t1 = new Table(TableName("t1"), meta, new Column<int>("id", primaryKey: true), new Column<string>("name"));
        var engine = CreateEngine();

        await engine.BeginAsync(async conn =>
        {
            await conn.RunSyncAsync(meta.DropAll);
            await conn.RunSyncAsync(meta.CreateAll);
            await conn.ExecuteAsync(Text($"INSERT INTO {t1.Name} (name) VALUES (:name)"), [new { name = "some name 1" }, new { name = "some name 2" }]);
        });

        await using var check = await engine.ConnectAsync();
        Assert.Equal("(1, some name 1)", (await check.ExecuteAsync(Text($"SELECT id, name FROM {t1.Name} ORDER BY id"))).First()!.ToString());
    }
}

public sealed class SqliteMetaDataTests(DatabaseFixture<SqliteDatabase> fixture) : MetaDataTests<SqliteDatabase>(fixture);

public sealed class PostgresMetaDataTests(DatabaseFixture<PostgresDatabase> fixture) : MetaDataTests<PostgresDatabase>(fixture);
