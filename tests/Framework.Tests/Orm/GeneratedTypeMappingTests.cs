using Framework.Orm;
using Framework.Sql;
using Framework.Tests.Infrastructure;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Orm.Generated;

// Generated entities with enum and array properties, under bases of their own: SQLite refuses the array table, so it
// must not share a MetaData with tables every database creates.

/// <summary>The enum the generated entity stores; on PostgreSQL its type is gen_kind.</summary>
public enum GenKind
{
    /// <summary>The first.</summary>
    A,

    /// <summary>The second.</summary>
    B,

    /// <summary>The third.</summary>
    C,
}

[DeclarativeBase]
public abstract partial class GenEnumBase { }

[Table("gen_enum_item")]
public partial class GenEnumItem : GenEnumBase
{
    [PrimaryKey(Autoincrement = false)] public partial int Id { get; set; }
    public partial GenKind Kind { get; set; }
    public partial GenKind? Previous { get; set; }
}

[DeclarativeBase]
public abstract partial class GenArrayBase { }

[Table("gen_array_item")]
public partial class GenArrayItem : GenArrayBase
{
    [PrimaryKey(Autoincrement = false)] public partial int Id { get; set; }
    public partial int[] Numbers { get; set; }
    public partial string[]? Tags { get; set; }
}

/// <summary>The enum of <see cref="GenScalarItem"/> (its own: a PostgreSQL enum type belongs to one MetaData's tables).</summary>
public enum GenMood
{
    /// <summary>The first.</summary>
    Calm,

    /// <summary>The second.</summary>
    Busy,
}

[DeclarativeBase]
public abstract partial class GenScalarBase { }

[Table("gen_scalar_item")]
public partial class GenScalarItem : GenScalarBase
{
    [PrimaryKey(Autoincrement = false)] public partial int Id { get; set; }
    public partial long Big { get; set; }
    public partial short Small { get; set; }
    public partial bool Flag { get; set; }
    public partial decimal Price { get; set; }
    public partial double Ratio { get; set; }
    public partial DateTime Seen { get; set; }
    public partial Guid Token { get; set; }
    public partial string Name { get; set; }
    public partial byte[]? Blob { get; set; }
    public partial int? Rank { get; set; }
    public partial bool? Checked { get; set; }
    public partial Guid? Other { get; set; }
    public partial GenMood Mood { get; set; }
    public partial System.Text.Json.Nodes.JsonNode? Data { get; set; }
}

/// <summary>Generated enum and array columns take the types Column&lt;T&gt; infers, and round-trip through a session.</summary>
public abstract class GeneratedTypeMappingTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : EngineTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    private async Task<AsyncEngine> Recreate(MetaData meta, bool async)
    {
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);
        await DropAll(meta, conn, async);
        await CreateAll(meta, conn, async);
        await Commit(conn, async);
        return engine;
    }

    private static async Task Commit(AsyncSession session, bool async)
    {
        if (async)
            await session.CommitAsync();
        else
            await session.RunSyncAsync(s => s.Commit());
    }

    private static async Task<T?> Get<T>(AsyncSession session, bool async, int id) where T : class, IMapped<T> =>
        async ? await session.GetAsync<T>(id) : await session.RunSyncAsync(s => s.Get<T>(id));

    [Theory, InlineData(false), InlineData(true)]
    public async Task Enum_properties_are_stored_by_name_and_round_trip_through_a_session(bool async)
    {
        var table = GenEnumBase.MetaData.Tables["gen_enum_item"];
        Assert.Equal(SqlType.Enum<GenKind>(), table.C["kind"].Type);
        Assert.Equal(SqlType.Enum<GenKind>(), table.C["previous"].Type);
        Assert.Equal((false, true), (table.C["kind"].Nullable, table.C["previous"].Nullable));
        var engine = await Recreate(GenEnumBase.MetaData, async);

        await using (var writer = new AsyncSession(engine))
        {
            writer.Add(new GenEnumItem { Id = 1, Kind = GenKind.A });
            writer.Add(new GenEnumItem { Id = 2, Kind = GenKind.B, Previous = GenKind.A });
            writer.Add(new GenEnumItem { Id = 3, Kind = GenKind.B, Previous = GenKind.C });
            writer.Add(new GenEnumItem { Id = 4, Kind = GenKind.C, Previous = GenKind.B });
            await Commit(writer, async);
        }

        await using var reader = new AsyncSession(engine);
        var first = await Get<GenEnumItem>(reader, async, 1);
        var query = Select<GenEnumItem>().Where(x => x.Kind == GenKind.B).OrderBy(x => x.Id);
        var bs = async ? (await reader.ScalarsAsync(query)).All() : await reader.RunSyncAsync(s => s.Scalars(query).All());
        var previousB = Assert.Single(async
            ? (await reader.ScalarsAsync(Select<GenEnumItem>().Where(x => x.Previous == GenKind.B))).All()
            : await reader.RunSyncAsync(s => s.Scalars(Select<GenEnumItem>().Where(x => x.Previous == GenKind.B)).All()));
        var stored = (await reader.ExecuteAsync(Text(
            "SELECT CAST(kind AS TEXT) || '/' || COALESCE(CAST(previous AS TEXT), '-') FROM gen_enum_item ORDER BY id"))).Scalars<string>().All();

        Assert.NotNull(first);
        Assert.Equal((GenKind.A, (GenKind?)null), (first.Kind, first.Previous));
        Assert.Equal([(2, GenKind.B, GenKind.A), (3, GenKind.B, GenKind.C)], bs.Select(x => (x.Id, x.Kind, x.Previous!.Value)));
        Assert.Equal((4, GenKind.C), (previousB.Id, previousB.Kind));
        Assert.Equal(["A/-", "B/A", "B/C", "C/B"], stored);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Array_properties_round_trip_on_PostgreSQL_and_are_refused_on_SQLite(bool async)
    {
        var table = GenArrayBase.MetaData.Tables["gen_array_item"];
        Assert.Equal(SqlType.Array(SqlType.Integer), table.C["numbers"].Type);
        Assert.Equal(SqlType.Array(SqlType.String()), table.C["tags"].Type);
        if (!Db.IsPostgres)
        {
            await using var conn = await Connect(CreateEngine(), async);
            var refused = await Assert.ThrowsAsync<NotSupportedException>(() => CreateAll(GenArrayBase.MetaData, conn, async));
            Assert.Equal("Column gen_array_item.numbers: SQLite has no array type; store it as JSON (SqlType.Json) or in a child table.", refused.Message);
            return;
        }
        var engine = await Recreate(GenArrayBase.MetaData, async);

        await using (var writer = new AsyncSession(engine))
        {
            writer.Add(new GenArrayItem { Id = 1, Numbers = [1, 2, 3], Tags = ["a", "b"] });
            writer.Add(new GenArrayItem { Id = 2, Numbers = [], Tags = null });
            await Commit(writer, async);
        }

        await using var reader = new AsyncSession(engine);
        var full = await Get<GenArrayItem>(reader, async, 1);
        var empty = await Get<GenArrayItem>(reader, async, 2);

        Assert.NotNull(full);
        Assert.NotNull(empty);
        Assert.Equal([1, 2, 3], full.Numbers);
        Assert.Equal(["a", "b"], full.Tags!);
        Assert.Empty(empty.Numbers);
        Assert.Null(empty.Tags);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Every_scalar_type_is_read_typed_into_a_loaded_entity_and_nulls_into_nullable_properties(bool async)
    {
        var engine = await Recreate(GenScalarBase.MetaData, async);
        var seen = new DateTime(2026, 12, 3, 10, 20, 30);
        var token = Guid.NewGuid();
        await using (var writer = new AsyncSession(engine))
        {
            writer.Add(new GenScalarItem
            {
                Id = 1, Big = long.MaxValue, Small = -7, Flag = true, Price = 12.34m, Ratio = 0.5, Seen = seen, Token = token, Name = "one",
                Blob = [1, 2, 3], Rank = 4, Checked = false, Other = token, Mood = GenMood.Busy, Data = System.Text.Json.Nodes.JsonNode.Parse("{\"a\":1}"),
            });
            writer.Add(new GenScalarItem { Id = 2, Name = "two", Seen = seen });
            await Commit(writer, async);
        }

        await using var reader = new AsyncSession(engine);
        var query = Select<GenScalarItem>().OrderBy(x => x.Id);
        var items = async ? (await reader.ScalarsAsync(query)).All() : await reader.RunSyncAsync(s => s.Scalars(query).All());

        var full = items[0];
        Assert.Equal((long.MaxValue, (short)-7, true, 12.34m, 0.5, seen, token, "one"),
            (full.Big, full.Small, full.Flag, full.Price, full.Ratio, full.Seen, full.Token, full.Name));
        Assert.Equal(new byte[] { 1, 2, 3 }, full.Blob);
        Assert.Equal((4, false, token, GenMood.Busy), (full.Rank, full.Checked, full.Other, full.Mood));
        Assert.Equal(1, (int)full.Data!["a"]!);
        var empty = items[1];
        Assert.Equal((0L, (short)0, false, 0m, Guid.Empty), (empty.Big, empty.Small, empty.Flag, empty.Price, empty.Token));
        Assert.Null(empty.Blob);
        Assert.Equal(((int?)null, (bool?)null, (Guid?)null), (empty.Rank, empty.Checked, empty.Other));
        Assert.Null(empty.Data);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_NULL_in_a_column_whose_property_cannot_hold_it_fails_naming_the_column_and_leaves_no_half_loaded_instance(bool async)
    {
        var engine = await Recreate(GenScalarBase.MetaData, async);
        await using (var conn = await Connect(engine, async))
        {
            // A table changed behind the mapping's back: big lost its NOT NULL.
            await conn.ExecuteAsync(Text(Db.IsPostgres ? "ALTER TABLE gen_scalar_item ALTER COLUMN big DROP NOT NULL" : "DROP TABLE gen_scalar_item"));
            if (!Db.IsPostgres)
            {
                await conn.ExecuteAsync(Text("CREATE TABLE gen_scalar_item (id INTEGER PRIMARY KEY, big INTEGER, small INTEGER, flag INTEGER, price NUMERIC, " +
                    "ratio REAL, seen TEXT, token BLOB, name TEXT, blob BLOB, rank INTEGER, checked INTEGER, other BLOB, mood TEXT, data TEXT)"));
            }
            await conn.ExecuteAsync(Text(
                "INSERT INTO gen_scalar_item (id, big, small, flag, price, ratio, seen, token, name, mood) " +
                "VALUES (1, NULL, 1, true, 1, 1, '2026-12-03 00:00:00', '00000000-0000-0000-0000-000000000001', 'x', 'Calm')"));
            await conn.CommitAsync();
        }

        await using var reader = new AsyncSession(engine);
        var failure = await Assert.ThrowsAsync<InvalidCastException>(async () =>
        {
            if (async)
                await reader.GetAsync<GenScalarItem>(1);
            else
                await reader.RunSyncAsync(s => s.Get<GenScalarItem>(1));
        });

        Assert.Equal("Column 'big' is NULL and cannot be read as Int64; read it as Int64? instead.", failure.Message);
        Assert.Empty(reader.IdentityMap);
    }
}

public sealed class SqliteGeneratedTypeMappingTests(DatabaseFixture<SqliteDatabase> fixture) : GeneratedTypeMappingTests<SqliteDatabase>(fixture);

public sealed class PostgresGeneratedTypeMappingTests(DatabaseFixture<PostgresDatabase> fixture) : GeneratedTypeMappingTests<PostgresDatabase>(fixture);
