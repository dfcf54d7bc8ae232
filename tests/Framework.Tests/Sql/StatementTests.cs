using Framework.Sql;
using Framework.Tests.Infrastructure;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Sql;

public abstract class StatementTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : EngineTestBase<TDatabase>(fixture)
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
