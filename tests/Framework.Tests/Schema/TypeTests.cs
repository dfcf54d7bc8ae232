using System.Text.Json;
using System.Text.Json.Nodes;
using Framework.Sql;
using Framework.Tests.Infrastructure;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Schema;

public abstract class TypeTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : EngineTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    private static async Task Drop(Table table, AsyncConnection conn, bool async)
    {
        if (async)
            await table.DropAsync(conn);
        else
            table.Drop(conn.SyncConnection);
    }

    // How many enum types of this name the current schema has: always 0 on SQLite, which has none.
    private async Task<long> EnumTypeCount(AsyncConnection conn, bool async, string name) => !Db.IsPostgres ? 0 :
        (await Execute(conn, async, Text("SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace " +
            "WHERE t.typname = :name AND t.typtype = 'e' AND n.nspname = current_schema()"), new { name })).Scalar<long>();

    [Theory, InlineData(false), InlineData(true)]
    public async Task Enum_columns_store_names_and_read_back_members(bool async)
    {
        var typeName = TableName("mood");
        var meta = new MetaData();
        var t = new Table(TableName("e"), meta,
            new Column<int>("id", primaryKey: true),
            new Column<Mood>("mood", type: SqlType.Enum<Mood>(typeName), nullable: false),
            new Column<Mood?>("was", type: SqlType.Enum<Mood>(typeName)));
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);
        await CreateAll(meta, conn, async);

        var inserted = await ExecuteMany(conn, async, t.Insert(),
            [new { mood = Mood.Happy, was = (Mood?)null }, new { mood = Mood.Sad, was = (Mood?)Mood.Happy }]);
        await Execute(conn, async, t.Insert().Values(new { mood = Mood.Calm, was = Mood.Sad }));
        var happy = (await Execute(conn, async, Select(t.C["mood"], t.C["was"]).Where(t.C["mood"] == Mood.Happy))).One();
        var sadOrCalm = (await Execute(conn, async, Select(t.C["mood"]).Where(t.C["mood"].In(Mood.Sad, Mood.Calm)).OrderBy(t.C["id"]))).Scalars<Mood>().All();
        var listed = (await Execute(conn, async, Select(t.C["mood"]).Where(t.C["mood"].In(new[] { Mood.Sad, Mood.Calm })).OrderBy(t.C["id"])))
            .Scalars<Mood>().All();
        var notPassed = (await Execute(conn, async, Select(Func.Count()).SelectFrom(t).Where(t.C["mood"].NotIn(BindParam("moods"))),
            new { moods = new[] { Mood.Happy } })).Scalar<int>();
        var stored = (await Execute(conn, async, Text($"SELECT CAST(mood AS TEXT) FROM {t.Name} ORDER BY 1"))).Scalars<string>().All();
        var updated = await Execute(conn, async, t.Update().Values(new { mood = Mood.Calm }).Where(t.C["was"] == Mood.Happy));
        var calm = (await Execute(conn, async, Select(Func.Count()).SelectFrom(t).Where(t.C["mood"] == Mood.Calm))).Scalar<int>();

        Assert.Equal(2, inserted.RowCount);
        Assert.Equal((Mood.Happy, (Mood?)null), (happy.Get<Mood>("mood"), happy.Get<Mood?>("was")));
        Assert.Equal([Mood.Sad, Mood.Calm], sadOrCalm);
        Assert.Equal([Mood.Sad, Mood.Calm], listed);
        Assert.Equal(2, notPassed);
        Assert.Equal(["Calm", "Happy", "Sad"], stored);
        Assert.Equal(1, updated.RowCount);
        Assert.Equal(2, calm);
        Assert.Equal(Db.IsPostgres ? 1 : 0, await EnumTypeCount(conn, async, typeName));

        await DropAll(meta, conn, async);
        Assert.Equal(0, await EnumTypeCount(conn, async, typeName));
        await Commit(conn, async);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_native_enum_type_is_created_once_before_its_tables_and_dropped_after_the_last(bool async)
    {
        // The default name, mood, for once: each mode drops it before the other runs.
        var meta = new MetaData();
        var first = new Table(TableName("a"), meta, new Column<int>("id", primaryKey: true), new Column<Mood>("mood"));
        var second = new Table(TableName("b"), meta, new Column<int>("id", primaryKey: true), new Column<Mood?>("mood"), new Column<Mood?>("other"));
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);

        await CreateAll(meta, conn, async);
        await CreateAll(meta, conn, async);
        var created = await EnumTypeCount(conn, async, "mood");
        await Execute(conn, async, second.Insert().Values(new { mood = Mood.Sad, other = Mood.Calm }));
        await Drop(first, conn, async);
        var afterOne = await EnumTypeCount(conn, async, "mood");
        var read = (await Execute(conn, async, Select(second.C["other"]).Where(second.C["mood"] == Mood.Sad))).ScalarOne<Mood>();
        await DropAll(meta, conn, async);
        var afterAll = await EnumTypeCount(conn, async, "mood");
        // With checkFirst, dropping again finds neither the tables nor the type, and runs nothing.
        await DropAll(meta, conn, async);
        await CreateAll(meta, conn, async, checkFirst: false);
        await DropAll(meta, conn, async);

        Assert.Equal(Db.IsPostgres ? (1, 1, 0) : (0, 0, 0), (created, afterOne, afterAll));
        Assert.Equal(Mood.Calm, read);
        Assert.Equal(0, await EnumTypeCount(conn, async, "mood"));
        await Commit(conn, async);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Pooled_connections_opened_before_an_enum_type_existed_can_read_it_afterwards(bool async)
    {
        var meta = new MetaData();
        var t = new Table(TableName("p"), meta, new Column<int>("id", primaryKey: true), new Column<Mood>("mood", type: SqlType.Enum<Mood>(TableName("mood"))));
        var engine = CreateEngine();
        // Two connections opened (and their driver's view of the types taken) before the type exists, then left idle.
        var early = new[] { await Connect(engine, async), await Connect(engine, async) };
        foreach (var conn in early)
        {
            await Execute(conn, async, Text("SELECT 1"));
            await Close(conn, async);
        }
        await using (var creator = await Connect(engine, async))
        {
            await CreateAll(meta, creator, async);
            await Execute(creator, async, t.Insert().Values(new { mood = Mood.Calm }));
            await Commit(creator, async);
        }

        await using var first = await Connect(engine, async);
        await using var second = await Connect(engine, async);
        Assert.Equal(Mood.Calm, (await Execute(first, async, Select(t.C["mood"]))).ScalarOne<Mood>());
        Assert.Equal(Mood.Calm, (await Execute(second, async, Select(t.C["mood"]))).ScalarOne<Mood>());
        await Rollback(second, async);
        await DropAll(meta, first, async);
        await Commit(first, async);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_name_the_enum_lacks_is_refused_by_the_database_and_cannot_be_read_as_the_enum(bool async)
    {
        var meta = new MetaData();
        var t = new Table(TableName("x"), meta,
            new Column<int>("id", primaryKey: true),
            new Column<Mood?>("mood", type: SqlType.Enum<Mood>(TableName("mood"))),
            new Column<Mood?>("loose", type: SqlType.Enum<Mood>(native: false)));
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);
        await CreateAll(meta, conn, async);
        await Commit(conn, async);

        // PostgreSQL's enum refuses the label itself (a data error); a CHECK constraint refuses it elsewhere.
        await Assert.ThrowsAnyAsync<DatabaseException>(() => Execute(conn, async, t.Insert().Values(new { mood = "Angry" })));
        await Rollback(conn, async);
        await Assert.ThrowsAsync<IntegrityException>(() => Execute(conn, async, t.Insert().Values(new { loose = "Angry" })));
        await Rollback(conn, async);
        await Assert.ThrowsAsync<IntegrityException>(() => Execute(conn, async, t.Insert().Values(new { loose = "happy" })));
        await Rollback(conn, async);
        var row = (await Execute(conn, async, Text("SELECT 'Angry' AS mood, 'Sad' AS fine"))).One();
        var error = Assert.Throws<InvalidCastException>(() => row.Get<Mood>("mood"));

        Assert.Equal(Mood.Sad, row.Get<Mood>("fine"));
        Assert.Equal("Column 'mood' holds 'Angry', which is not a member of Mood (Happy, Sad, Calm); names match case-sensitively. " +
            "Add the member to Mood, or read the column as a string.", error.Message);
        Assert.Contains("is not a member of Mood", (await Assert.ThrowsAsync<ArgumentException>(
            () => Execute(conn, async, t.Insert().Values(new { mood = (Mood)7 })))).Message, StringComparison.Ordinal);
        await Rollback(conn, async);
        await DropAll(meta, conn, async);
        await Commit(conn, async);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Array_columns_round_trip_on_PostgreSQL_and_are_refused_on_SQLite(bool async)
    {
        var typeName = TableName("mood");
        var meta = new MetaData();
        var t = new Table(TableName("arr"), meta,
            new Column<int>("id", primaryKey: true),
            new Column<int[]>("ints"), new Column<string[]>("tags"), new Column<long[]>("longs"), new Column<Guid[]>("ids"),
            new Column<Mood[]>("moods", type: SqlType.Array(SqlType.Enum<Mood>(typeName))), new Column<int?[]>("maybe"));
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);
        if (!Db.IsPostgres)
        {
            var refused = await Assert.ThrowsAsync<NotSupportedException>(() => CreateAll(meta, conn, async));
            Assert.Equal($"Column {t.Name}.ints: SQLite has no array type; store it as JSON (SqlType.Json) or in a child table.", refused.Message);
            return;
        }
        await CreateAll(meta, conn, async);
        var id = Guid.NewGuid();

        await ExecuteMany(conn, async, t.Insert(),
        [
            new { ints = new[] { 1, 2, 3 }, tags = new[] { "a", "b" }, longs = new[] { long.MaxValue }, ids = new[] { id }, moods = new[] { Mood.Sad, Mood.Calm },
                maybe = new int?[] { 1, null } },
            new { ints = Array.Empty<int>(), tags = new[] { "c" }, longs = (long[]?)null, ids = Array.Empty<Guid>(), moods = new[] { Mood.Happy },
                maybe = (int?[]?)null },
        ]);
        await Execute(conn, async, t.Insert().Values(new { ints = new[] { 9 }, tags = new[] { "z" }, moods = Array.Empty<Mood>() }));
        var ab = (await Execute(conn, async, Select(t).Where(t.C["tags"] == new[] { "a", "b" }))).One();
        var happy = (await Execute(conn, async, Select(t.C["tags"]).Where(t.C["moods"] == new[] { Mood.Happy }))).Scalars<string[]>().All();
        var updated = await Execute(conn, async, t.Update().Values(new { ints = new[] { 4, 5 }, moods = new[] { Mood.Calm, Mood.Calm } })
            .Where(t.C["tags"] == new[] { "c" }));
        var c = (await Execute(conn, async, Select(t.C["ints"], t.C["moods"], t.C["longs"]).Where(t.C["tags"] == new[] { "c" }))).One();
        var z = (await Execute(conn, async, Select(t.C["moods"]).Where(t.C["tags"] == new[] { "z" }))).ScalarOne<Mood[]>();

        Assert.Equal([1, 2, 3], ab.Get<int[]>("ints"));
        Assert.Equal(["a", "b"], ab.Get<string[]>("tags"));
        Assert.Equal([long.MaxValue], ab.Get<long[]>("longs"));
        Assert.Equal([id], ab.Get<Guid[]>("ids"));
        Assert.Equal([Mood.Sad, Mood.Calm], ab.Get<Mood[]>("moods"));
        Assert.Equal([1, null], ab.Get<int?[]>("maybe"));
        Assert.Equal([["c"]], happy);
        Assert.Equal(1, updated.RowCount);
        Assert.Equal([4, 5], c.Get<int[]>("ints"));
        Assert.Equal([Mood.Calm, Mood.Calm], c.Get<Mood[]>("moods"));
        Assert.Null(c.Get<long[]?>("longs"));
        Assert.Empty(z);
        Assert.Equal(1, await EnumTypeCount(conn, async, typeName));

        await DropAll(meta, conn, async);
        Assert.Equal(0, await EnumTypeCount(conn, async, typeName));
        await Commit(conn, async);
    }

    // What the message for an unmapped class advises (ErrorMessageTests) works on both databases.
    [Theory, InlineData(false), InlineData(true)]
    public async Task An_object_stored_as_a_JsonNode_column_reads_back(bool async)
    {
        var meta = new MetaData();
        var t = new Table(TableName("json"), meta, new Column<int>("id", primaryKey: true), new Column<JsonNode>("address"));
        await using var conn = await Connect(CreateEngine(), async);
        await CreateAll(meta, conn, async);
        var address = new Address("1 Main St", "Springfield");

        await Execute(conn, async, t.Insert().Values(new { id = 1, address = JsonSerializer.SerializeToNode(address) }));
        var read = (await Execute(conn, async, Select(t.C["address"]))).ScalarOne<JsonNode>();

        Assert.Equal(address, read.Deserialize<Address>());
        await Rollback(conn, async);
    }

    public sealed record Address(string Street, string City);

    [Theory, InlineData(false), InlineData(true)]
    public async Task The_inspector_reports_enum_and_array_column_types(bool async)
    {
        var typeName = TableName("mood");
        var meta = new MetaData();
        List<ISchemaItem> columns =
        [
            new Column<int>("id", primaryKey: true),
            new Column<Mood>("mood", type: SqlType.Enum<Mood>(typeName)),
            new Column<Mood>("loose", type: SqlType.Enum<Mood>(native: false)),
        ];
        if (Db.IsPostgres)
        {
            columns.Add(new Column<int[]>("ints"));
            columns.Add(new Column<string[]>("tags"));
            columns.Add(new Column<Mood[]>("moods", type: SqlType.Array(SqlType.Enum<Mood>(typeName))));
        }
        var t = new Table(TableName("i"), meta, [.. columns]);
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);
        await CreateAll(meta, conn, async);
        var inspector = async ? (await conn.InspectAsync()).SyncInspector : Inspector.For(conn.SyncConnection);

        var types = inspector.GetColumns(t.Name).Skip(1).Select(c => c.Type);

        Assert.Equal(Db.IsPostgres
            ? [typeName, "character varying(5)", "integer[]", "character varying[]", typeName + "[]"]
            : ["VARCHAR(5)", "VARCHAR(5)"], types);
        await DropAll(meta, conn, async);
        await Commit(conn, async);
    }
}

public sealed class SqliteTypeTests(DatabaseFixture<SqliteDatabase> fixture) : TypeTests<SqliteDatabase>(fixture);

public sealed class PostgresTypeTests(DatabaseFixture<PostgresDatabase> fixture) : TypeTests<PostgresDatabase>(fixture);

/// <summary>The enum the type tests store; its values run in declaration order.</summary>
public enum Mood
{
    Happy,
    Sad,
    Calm,
}

/// <summary>Declared out of value order: its names are listed by value.</summary>
public enum Priority
{
    High = 3,
    Low = 1,
    Mid = 2,
}

public enum OrderStatus
{
    Open,
}

#pragma warning disable CA1707, IDE1006 // An acronym in capitals, to show how the default type name splits it.
public enum HTTPMethod
#pragma warning restore CA1707, IDE1006
{
    Get,
}

[Flags]
public enum Permissions
{
    None = 0,
    Read = 1,
    Write = 2,
}

public enum Nothing
{
}
