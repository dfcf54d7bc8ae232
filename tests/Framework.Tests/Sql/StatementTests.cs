using Framework.Sql;
using Framework.Tests.Infrastructure;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Sql;

public abstract partial class StatementTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : EngineTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    private async Task<(AsyncEngine Engine, Table Table)> Setup()
    {
        var meta = new MetaData();
        var table = new Table(TableName("s"), meta, new Column<int>("id", primaryKey: true), new Column<string>("name"), new Column<int?>("qty"));
        var engine = CreateEngine();
        await using var conn = await engine.ConnectAsync();
        await meta.CreateAllAsync(conn);
        await conn.CommitAsync();
        return (engine, table);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Insert_and_select_round_trip_through_both_dialects(bool async)
    {
        var (engine, t) = await Setup();
        await using var conn = await Connect(engine, async);

        var inserted = await ExecuteMany(conn, async, t.Insert(),
            [new { name = "a", qty = (int?)1 }, new { name = "b", qty = (int?)null }, new { name = "c", qty = (int?)3 }]);
        await Execute(conn, async, t.Insert().Values(new { name = "d", qty = 4 }));
        var rows = (await Execute(conn, async, Select(t.C["name"], t.C["qty"]).Where(t.C["qty"] >= 2 | t.C["qty"] == null).OrderBy(t.C["name"].Desc())))
            .All();

        Assert.Equal(3, inserted.RowCount);
        Assert.Equal(["(d, 4)", "(c, 3)", "(b, null)"], rows.Select(r => r.ToString()));
        Assert.Equal(["b", "c"], (await Execute(conn, async, Select(t.C["name"]).OrderBy(t.C["id"]).Limit(2).Offset(1))).Scalars<string>().All());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Update_delete_and_returning_change_and_report_rows(bool async)
    {
        var (engine, t) = await Setup();
        await using var conn = await Connect(engine, async);
        var ids = (await Execute(conn, async, t.Insert().Values(new { name = "a", qty = 1 }).Returning(t.C["id"]))).Scalars<int>().All()
            .Concat((await Execute(conn, async, t.Insert().Values(new { name = "b", qty = 2 }).Returning(t.C["id"]))).Scalars<int>().All()).ToList();

        var updated = await Execute(conn, async, t.Update().Values(new { qty = 20 }).Where(t.C["name"] == "b").Returning(t.C["id"], t.C["qty"]));
        var byKeys = await ExecuteMany(conn, async, t.Update().Where(t.C["name"] == "a"), [new { qty = (int?)10 }]);
        var deleted = await Execute(conn, async, t.Delete().Where(t.C["qty"] > 15).Returning(t.C["name"]));

        Assert.Equal(2, ids.Distinct().Count());
        Assert.Equal($"({ids[1]}, 20)", updated.One().ToString());
        Assert.Equal(1, byKeys.RowCount);
        Assert.Equal(["b"], deleted.Scalars<string>().All());
        Assert.Equal(["(a, 10)"], (await Execute(conn, async, Select(t.C["name"], t.C["qty"]))).All().Select(r => r.ToString()));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task In_between_like_and_functions_select_the_right_rows(bool async)
    {
        var (engine, t) = await Setup();
        await using var conn = await Connect(engine, async);
        await ExecuteMany(conn, async, t.Insert(),
            [new { name = "50% off", qty = 1 }, new { name = "500 off", qty = 2 }, new { name = "Apple_pie", qty = 3 }, new { name = "applepie", qty = 4 }]);

        async Task<IReadOnlyList<string>> Names(ColumnElement condition) =>
            (await Execute(conn, async, Select(t.C["name"]).Where(condition).OrderBy(t.C["qty"]))).Scalars<string>().All();

        Assert.Equal(["50% off"], await Names(t.C["name"].StartsWith("50%")));
        Assert.Equal(["Apple_pie"], await Names(t.C["name"].Contains("e_p")));
        Assert.Equal(["Apple_pie", "applepie"], await Names(t.C["name"].ILike("apple%")));
        Assert.Equal(["500 off", "Apple_pie"], await Names(t.C["qty"].In(2, 3)));
        Assert.Empty(await Names(t.C["qty"].In()));
        Assert.Equal(4, (await Names(t.C["qty"].NotIn())).Count);
        Assert.Equal(["500 off", "Apple_pie"], await Names(t.C["qty"].Between(2, 3)));
        var stats = (await Execute(conn, async, Select(Func.Count().Label("n"), Func.Max(t.C["qty"]).Label("top"), Func.Min(t.C["id"])))).One();
        Assert.Equal((4, 4), (stats.Get<int>("n"), stats.Get<int>("top")));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Joins_and_grouping_return_the_matching_rows(bool async)
    {
        var meta = new MetaData();
        var users = new Table(TableName("u"), meta, new Column<int>("id", primaryKey: true), new Column<string>("name"));
        var addresses = new Table(TableName("a"), meta, new Column<int>("id", primaryKey: true),
            new Column<int>("user_id", foreignKey: new ForeignKey($"{users.Name}.id")), new Column<string>("email"));
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);
        await conn.RunSyncAsync(meta.CreateAll);
        await ExecuteMany(conn, async, users.Insert(), [new { id = 1, name = "ann" }, new { id = 2, name = "bob" }]);
        await ExecuteMany(conn, async, addresses.Insert(),
            [new { user_id = 1, email = "ann@a" }, new { user_id = 1, email = "ann@b" }, new { user_id = 2, email = "bob@a" }]);
        await Execute(conn, async, users.Insert().Values(new { id = 3, name = "cy" }));

        var inner = await Execute(conn, async, Select(users.C["name"], addresses.C["email"]).Join(addresses).OrderBy(addresses.C["email"]));
        var outer = await Execute(conn, async, Select(users.C["name"], Func.Count(addresses.C["id"]).Label("n"))
            .OuterJoin(addresses).GroupBy(users.C["name"]).Having(Func.Count(addresses.C["id"]) < 2).OrderBy(users.C["name"]));
        var distinct = await Execute(conn, async, Select(users.C["name"]).Join(addresses).Distinct().OrderBy(users.C["name"]));

        Assert.Equal(["(ann, ann@a)", "(ann, ann@b)", "(bob, bob@a)"], inner.All().Select(r => r.ToString()));
        Assert.Equal([("bob", 1L), ("cy", 0L)], outer.All().Select(r => (r.Get<string>("name"), r.Get<long>("n"))));
        Assert.Equal(["ann", "bob"], distinct.Scalars<string>().All());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Columns_with_odd_names_insert_and_uneven_executemany_keys_are_refused(bool async)
    {
        var meta = new MetaData();
        var odd = new Table(TableName("o"), meta, new Column<int>("id", primaryKey: true), new Column<string>("first name"), new Column<string>("param_1"));
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);
        await conn.RunSyncAsync(meta.CreateAll);

        await ExecuteMany(conn, async, odd.Insert(), [
            new Dictionary<string, object?> { ["first name"] = "ann", ["param_1"] = "p" },
            new Dictionary<string, object?> { ["first name"] = "bob", ["param_1"] = "q" }]);
        await Execute(conn, async, odd.Update().Where(odd.C["first name"] == "bob"), new { param_1 = "changed" });
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ExecuteMany(conn, async, odd.Insert(), [
            new Dictionary<string, object?> { ["first name"] = "cy" },
            new Dictionary<string, object?> { ["first name"] = "di", ["param_1"] = "lost" }]));

        Assert.Contains("every set needs the same keys", error.Message);
        Assert.Equal(["(ann, p)", "(bob, changed)"],
            (await Execute(conn, async, Select(odd.C["first name"], odd.C["param_1"]).OrderBy(odd.C["id"]))).All().Select(r => r.ToString()));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Hostile_strings_come_back_unchanged(bool async)
    {
        var (engine, t) = await Setup();
        await using var conn = await Connect(engine, async);
        string[] hostile = ["'", "''", "\"", "x'; DROP TABLE t; --", "\\", "\\'", ":name", "$1", "@p", "?", "/* */", "-- x", "\u0000".Replace("\u0000", "\u2028", StringComparison.Ordinal),
            "ünï©ødé 🙂", new string('x', 10_000), "; SELECT 1;", "%_", "\r\n\t"];

        foreach (var value in hostile)
            await Execute(conn, async, t.Insert().Values(new { name = value }));

        foreach (var value in hostile)
            Assert.Equal(value, (await Execute(conn, async, Select(t.C["name"]).Where(t.C["name"] == value))).Scalars<string>().One());
        Assert.Equal(hostile.Length, (await Execute(conn, async, Select(t))).All().Count);
    }
}

public sealed class SqliteStatementTests(DatabaseFixture<SqliteDatabase> fixture) : StatementTests<SqliteDatabase>(fixture);

public sealed class PostgresStatementTests(DatabaseFixture<PostgresDatabase> fixture) : StatementTests<PostgresDatabase>(fixture);
