using Framework.Sql;
using Framework.Tests.Schema;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Sql;

// IN over a list of values: one parameter per value on SQLite, one array parameter (= ANY($1)) on PostgreSQL. Both must
// select the same rows for every column type, length, NULL and negation.
public abstract partial class StatementTests<TDatabase>
{
    private static readonly Guid[] Uids = [.. Enumerable.Range(1, 4).Select(i => new Guid(i, 0, 0, new byte[8]))];

    // Rows 1..4: big = id * 10^10, name "n{id}", uid Uids[id - 1], mood Happy/Sad/Calm/Happy, qty id (NULL for row 4).
    private async Task<(AsyncConnection Connection, Table Table)> SetupInLists(bool async)
    {
        var meta = new MetaData();
        var t = new Table(TableName("inl"), meta,
            new Column<int>("id", primaryKey: true, autoincrement: false),
            new Column<long>("big"),
            new Column<string>("name"),
            new Column<Guid>("uid"),
            new Column<Mood>("mood", type: SqlType.Enum<Mood>(TableName("mood"))),
            new Column<int?>("qty"));
        var conn = await Connect(CreateEngine(), async);
        await CreateAll(meta, conn, async);
        Mood[] moods = [Mood.Happy, Mood.Sad, Mood.Calm, Mood.Happy];
        await ExecuteMany(conn, async, t.Insert(), [.. Enumerable.Range(1, 4).Select(i => (object)new Dictionary<string, object?>
        {
            ["id"] = i, ["big"] = i * 10_000_000_000L, ["name"] = $"n{i}", ["uid"] = Uids[i - 1], ["mood"] = moods[i - 1], ["qty"] = i == 4 ? null : i,
        })]);
        return (conn, t);
    }

    private static async Task<int[]> Ids(AsyncConnection conn, bool async, Table t, ColumnElement condition, object? parameters = null) =>
        [.. (await Execute(conn, async, Select(t.C["id"]).Where(condition).OrderBy(t.C["id"]), parameters)).Scalars<int>().All()];

    [Theory, InlineData(false), InlineData(true)]
    public async Task In_and_NotIn_over_lists_of_no_one_or_many_values_select_the_same_rows_for_every_column_type(bool async)
    {
        var (conn, t) = await SetupInLists(async);
        await using var _ = conn;

        Assert.Equal(new[] { 1, 3 }, await Ids(conn, async, t, t.C["id"].In(1, 3, 99)));
        Assert.Equal(new[] { 2 }, await Ids(conn, async, t, t.C["id"].In(new[] { 2 })));
        Assert.Empty(await Ids(conn, async, t, t.C["id"].In()));
        Assert.Equal(new[] { 1, 2, 3, 4 }, await Ids(conn, async, t, t.C["id"].NotIn(Array.Empty<int>())));
        Assert.Equal(new[] { 2, 4 }, await Ids(conn, async, t, t.C["id"].NotIn(new List<int> { 1, 3 })));

        Assert.Equal(new[] { 2, 3 }, await Ids(conn, async, t, t.C["big"].In(new[] { 20_000_000_000L, 30_000_000_000L })));
        // Values of another integer width than the column's compare as numbers, fitting or not.
        Assert.Equal(new[] { 1 }, await Ids(conn, async, t, t.C["big"].In(10_000_000_000L, 5)));
        Assert.Equal(new[] { 2 }, await Ids(conn, async, t, t.C["id"].In(new[] { 2L, 5_000_000_000L })));
        Assert.Equal(new[] { 1, 3, 4 }, await Ids(conn, async, t, t.C["big"].NotIn(20_000_000_000L)));

        Assert.Equal(new[] { 1, 4 }, await Ids(conn, async, t, t.C["name"].In(new List<string> { "n1", "n4", "x" })));
        Assert.Equal(new[] { 2 }, await Ids(conn, async, t, t.C["name"].In("n2")));
        Assert.Equal(new[] { 3, 4 }, await Ids(conn, async, t, t.C["name"].NotIn("n1", "n2")));

        Assert.Equal(new[] { 2, 4 }, await Ids(conn, async, t, t.C["uid"].In(new[] { Uids[1], Uids[3], Guid.NewGuid() })));
        Assert.Equal(new[] { 1, 2, 3 }, await Ids(conn, async, t, t.C["uid"].NotIn(Uids[3])));
        Assert.Empty(await Ids(conn, async, t, t.C["uid"].In(Array.Empty<Guid>())));

        Assert.Equal(new[] { 1, 3, 4 }, await Ids(conn, async, t, t.C["mood"].In(Mood.Happy, Mood.Calm)));
        Assert.Equal(new[] { 2 }, await Ids(conn, async, t, t.C["mood"].NotIn(new[] { Mood.Happy, Mood.Calm })));
        Assert.Empty(await Ids(conn, async, t, t.C["mood"].In(Array.Empty<Mood>())));

        var many = Enumerable.Range(3, 1500).ToArray();
        Assert.Equal(new[] { 3, 4 }, await Ids(conn, async, t, t.C["id"].In(many)));
        Assert.Equal(new[] { 1, 2 }, await Ids(conn, async, t, t.C["id"].NotIn(many)));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_NULL_in_the_list_matches_nothing_and_leaves_NotIn_unknown(bool async)
    {
        var (conn, t) = await SetupInLists(async);
        await using var _ = conn;

        Assert.Equal(new[] { 1, 2 }, await Ids(conn, async, t, t.C["qty"].In(1, null, 2)));
        Assert.Equal(new[] { 1 }, await Ids(conn, async, t, t.C["qty"].In(new int?[] { null, 1 })));
        Assert.Empty(await Ids(conn, async, t, t.C["qty"].In([null])));
        Assert.Equal(new[] { 3 }, await Ids(conn, async, t, t.C["qty"].NotIn(1, 2)));
        // x NOT IN (1, NULL) is never true: x <> NULL is unknown.
        Assert.Empty(await Ids(conn, async, t, t.C["qty"].NotIn(new int?[] { 1, null })));
        Assert.Equal(new[] { 1, 3, 4 }, await Ids(conn, async, t, t.C["name"].In("n1", null, "n3") | t.C["qty"] == null));
        // A NULL operand is in no list, and in NOT IN of an empty list, as everything is.
        Assert.Equal(new[] { 1, 2, 3 }, await Ids(conn, async, t, t.C["qty"].NotIn(9)));
        Assert.Equal(new[] { 1, 2, 3, 4 }, await Ids(conn, async, t, t.C["qty"].NotIn()));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_list_passed_by_name_selects_by_its_values_whatever_its_length(bool async)
    {
        var (conn, t) = await SetupInLists(async);
        await using var _ = conn;
        var byName = t.C["name"].In(BindParam("names")) & t.C["mood"].NotIn(BindParam("moods"));

        Assert.Equal(new[] { 1, 3 }, await Ids(conn, async, t, byName, new { names = new[] { "n1", "n2", "n3" }, moods = new[] { Mood.Sad } }));
        Assert.Equal(new[] { 4 }, await Ids(conn, async, t, byName, new { names = new List<string> { "n4" }, moods = Array.Empty<Mood>() }));
        Assert.Empty(await Ids(conn, async, t, byName, new { names = Array.Empty<string>(), moods = Array.Empty<Mood>() }));
        Assert.Equal(new[] { 2 }, await Ids(conn, async, t, t.C["id"].In(BindParam("ids")), new Dictionary<string, object?> { ["ids"] = new long[] { 2, 7 } }));
    }
}
