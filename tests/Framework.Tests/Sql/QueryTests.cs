using Framework.Sql;
using Framework.Tests.Infrastructure;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Sql;

/// <summary>Each construct of the expression language run on the database, checking the rows it gives, in sync and async mode.</summary>
public abstract class QueryTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : EngineTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    private sealed record Schema(AsyncEngine Engine, Table Users, Table Orders);

    private bool IsSqlite => typeof(TDatabase) == typeof(SqliteDatabase);

    // users: 1 ann (root), 2 bob (child of ann), 3 cy (child of bob), 4 di (root); orders: ann 2, bob 1, di none... see rows below.
    private async Task<Schema> Setup(EngineOptions? options = null)
    {
        var meta = new MetaData();
        var users = new Table(TableName("u"), meta, new Column<int>("id", primaryKey: true), new Column<string>("name", nullable: false, unique: true),
            new Column<int?>("parent_id"));
        var orders = new Table(TableName("o"), meta, new Column<int>("id", primaryKey: true),
            new Column<int>("user_id", foreignKey: new ForeignKey($"{users.Name}.id")), new Column<string>("item"), new Column<int>("qty"));
        var engine = CreateEngine(options);
        await using var conn = await engine.ConnectAsync();
        await meta.CreateAllAsync(conn);
        await conn.ExecuteAsync(users.Insert(), [
            new { id = 1, name = "ann", parent_id = (int?)null }, new { id = 2, name = "bob", parent_id = (int?)1 },
            new { id = 3, name = "cy", parent_id = (int?)2 }, new { id = 4, name = "di", parent_id = (int?)null }]);
        await conn.ExecuteAsync(orders.Insert(), [
            new { user_id = 1, item = "apple", qty = 3 }, new { user_id = 1, item = "pear", qty = 10 },
            new { user_id = 2, item = "apple", qty = 7 }, new { user_id = 3, item = "fig", qty = 1 }]);
        await conn.CommitAsync();
        return new Schema(engine, users, orders);
    }

    private static async Task<List<string>> Rows(AsyncConnection conn, bool async, Executable statement, object? parameters = null) =>
        [.. (await Execute(conn, async, statement, parameters)).All().Select(r => r.ToString())];

    [Theory, InlineData(false), InlineData(true)]
    public async Task Aliases_join_a_table_to_itself(bool async)
    {
        var (engine, u, _) = await Setup();
        await using var conn = await Connect(engine, async);
        var parent = u.Alias("parent");

        var explicitOn = await Rows(conn, async, Select(u.C["name"], parent.C["name"].Label("parent_name"))
            .Join(parent, u.C["parent_id"] == parent.C["id"]).OrderBy(u.C["name"]));
        var outer = await Rows(conn, async, Select(u.C["name"], parent.C["name"]).OuterJoin(parent, u.C["parent_id"] == parent.C["id"])
            .OrderBy(u.C["id"]));

        Assert.Equal(["(bob, ann)", "(cy, bob)"], explicitOn);
        Assert.Equal(["(ann, null)", "(bob, ann)", "(cy, bob)", "(di, null)"], outer);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Subqueries_scalar_subqueries_exists_and_in_select_read_the_right_rows(bool async)
    {
        var (engine, u, o) = await Setup();
        await using var conn = await Connect(engine, async);
        var totals = Select(o.C["user_id"], Func.Sum(o.C["qty"]).Label("total")).GroupBy(o.C["user_id"]).Subquery("totals");
        var orderCount = Select(Func.Count()).SelectFrom(o).Where(o.C["user_id"] == u.C["id"]).ScalarSubquery();

        var joined = await Rows(conn, async, Select(u.C["name"], totals.C["total"]).Join(totals, totals.C["user_id"] == u.C["id"])
            .Where(totals.C["total"] > 5).OrderBy(u.C["name"]));
        var counted = await Rows(conn, async, Select(u.C["name"], orderCount.Label("n")).OrderBy(u.C["id"]));
        var exists = await Rows(conn, async, Select(u.C["name"]).Where(Exists(Select(o.C["id"]).Where(o.C["user_id"] == u.C["id"] & o.C["item"] == "apple")))
            .OrderBy(u.C["name"]));
        var notExists = await Rows(conn, async, Select(u.C["name"]).Where(!Select(o.C["id"]).Where(o.C["user_id"] == u.C["id"]).Exists()));
        var inSelect = await Rows(conn, async, Select(u.C["name"]).Where(u.C["id"].In(Select(o.C["user_id"]).Where(o.C["qty"] < 5))).OrderBy(u.C["name"]));
        var notInSelect = await Rows(conn, async, Select(u.C["name"]).Where(u.C["id"].NotIn(Select(o.C["user_id"]))));

        Assert.Equal(["(ann, 13)", "(bob, 7)"], joined);
        Assert.Equal(["(ann, 2)", "(bob, 1)", "(cy, 1)", "(di, 0)"], counted);
        Assert.Equal(["(ann,)", "(bob,)"], exists);
        Assert.Equal(["(di,)"], notExists);
        Assert.Equal(["(ann,)", "(cy,)"], inSelect);
        Assert.Equal(["(di,)"], notInSelect);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Ctes_and_recursive_ctes_return_their_rows(bool async)
    {
        var (engine, u, o) = await Setup();
        await using var conn = await Connect(engine, async);
        var totals = Select(o.C["user_id"], Func.Sum(o.C["qty"]).Label("total")).GroupBy(o.C["user_id"]).Cte("totals");
        var anchor = Select(u.C["id"], u.C["name"], Literal(0).Label("depth")).Where(u.C["parent_id"] == null).Cte("tree", recursive: true);
        var tree = anchor.UnionAll(Select(u.C["id"], u.C["name"], (anchor.C["depth"] + 1).Label("depth")).Join(anchor, u.C["parent_id"] == anchor.C["id"]));

        var withTotals = await Rows(conn, async, Select(u.C["name"], totals.C["total"]).Join(totals, totals.C["user_id"] == u.C["id"]).OrderBy(u.C["id"]));
        var depths = await Rows(conn, async, Select(tree.C["name"], tree.C["depth"]).OrderBy(tree.C["depth"], tree.C["name"]));

        Assert.Equal(["(ann, 13)", "(bob, 7)", "(cy, 1)"], withTotals);
        Assert.Equal(["(ann, 0)", "(di, 0)", "(bob, 1)", "(cy, 2)"], depths);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Union_intersect_and_except_combine_rows(bool async)
    {
        var (engine, u, o) = await Setup();
        await using var conn = await Connect(engine, async);
        var buyers = Select(o.C["user_id"].Label("id"));
        var roots = Select(u.C["id"]).Where(u.C["parent_id"] == null);

        Assert.Equal(["(1,)", "(2,)", "(3,)", "(4,)"], await Rows(conn, async, buyers.Union(roots).OrderBy(o.C["user_id"].Label("id"))));
        Assert.Equal(6, (await Rows(conn, async, buyers.UnionAll(roots))).Count);
        Assert.Equal(["(1,)"], await Rows(conn, async, buyers.Intersect(roots)));
        Assert.Equal(["(2,)", "(3,)"], await Rows(conn, async, buyers.Except(roots).OrderBy(o.C["user_id"].Label("id"))));
        Assert.Equal(["(4,)"], await Rows(conn, async, roots.Except(buyers.Limit(10)).Limit(1)));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Expressions_compute_in_the_database(bool async)
    {
        var (engine, u, o) = await Setup();
        await using var conn = await Connect(engine, async);

        var computed = (await Execute(conn, async, Select(
                (o.C["qty"] * 2 + 1).Label("a"), ((o.C["qty"] - 1) % 3).Label("m"), (100 / o.C["qty"]).Label("d"), (-o.C["qty"]).Label("neg"),
                (o.C["item"] + "!").Label("shout"), Concat(u.C["name"], ":", o.C["item"]).Label("both"),
                Case([(o.C["qty"] >= 10, "big"), (o.C["qty"] >= 3, "mid")], otherwise: "small").Label("size"),
                Cast(o.C["qty"], SqlType.Text).Label("text"), Func.Coalesce(u.C["parent_id"], 0).Label("parent"),
                Func.Upper(o.C["item"]).Label("up"), Func.Length(o.C["item"]).Label("len"))
            .Join(u).Where(o.C["item"] == "pear"))).One();

        Assert.Equal((21, 0, 10, -10), (computed.Get<int>("a"), computed.Get<int>("m"), computed.Get<int>("d"), computed.Get<int>("neg")));
        Assert.Equal(("pear!", "ann:pear", "big", "10"), (computed.Get<string>("shout"), computed.Get<string>("both"), computed.Get<string>("size"), computed.Get<string>("text")));
        Assert.Equal((0, "PEAR", 4), (computed.Get<int>("parent"), computed.Get<string>("up"), computed.Get<int>("len")));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Window_functions_ordering_with_nulls_literals_and_bind_parameters(bool async)
    {
        var (engine, u, o) = await Setup();
        await using var conn = await Connect(engine, async);

        var ranked = await Rows(conn, async, Select(o.C["item"], Func.RowNumber().Over(partitionBy: [o.C["user_id"]], orderBy: [o.C["qty"].Desc()]).Label("rn"),
            Func.Sum(o.C["qty"]).Over(partitionBy: [o.C["user_id"]]).Label("total")).OrderBy(o.C["user_id"], o.C["qty"].Desc()));
        var nullsFirst = await Rows(conn, async, Select(u.C["name"]).OrderBy(u.C["parent_id"].Asc().NullsFirst(), u.C["name"].Desc()));
        var nullsLast = await Rows(conn, async, Select(u.C["name"]).OrderBy(u.C["parent_id"].Desc().NullsLast(), u.C["name"]));
        var literal = (await Execute(conn, async, Select(Literal(41).Label("n"), Literal("x'y").Label("s"), Null().Label("z")).SelectFrom(u).Limit(1))).One();
        var byName = await Rows(conn, async, Select(u.C["name"]).Where(u.C["name"] == BindParam("who")), new { who = "cy" });
        var withDefault = await Rows(conn, async, Select(u.C["name"]).Where(u.C["id"] > BindParam("min", 2)).OrderBy(u.C["id"]));
        var overridden = await Rows(conn, async, Select(u.C["name"]).Where(u.C["id"] > BindParam("min", 2)).OrderBy(u.C["id"]), new { min = 3 });

        Assert.Equal(["(pear, 1, 13)", "(apple, 2, 13)", "(apple, 1, 7)", "(fig, 1, 1)"], ranked);
        Assert.Equal(["(di,)", "(ann,)", "(bob,)", "(cy,)"], nullsFirst);
        Assert.Equal(["(cy,)", "(bob,)", "(ann,)", "(di,)"], nullsLast);
        Assert.Equal((41, "x'y", (object?)null), (literal.Get<int>("n"), literal.Get<string>("s"), literal[2]));
        Assert.Equal(["(cy,)"], byName);
        Assert.Equal(["(cy,)", "(di,)"], withDefault);
        Assert.Equal(["(di,)"], overridden);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Inserts_of_many_rows_from_a_select_and_upserts(bool async)
    {
        var (engine, u, o) = await Setup();
        await using var conn = await Connect(engine, async);

        var multi = await Execute(conn, async, u.Insert().Values(new[] { new { id = 5, name = "ed" }, new { id = 6, name = "flo" } }).Returning(u.C["name"]));
        var fromSelect = await Execute(conn, async, o.Insert().FromSelect(["user_id", "item", "qty"],
            Select(u.C["id"], u.C["name"] + "-gift", Literal(1)).Where(u.C["id"] >= 5)));
        var ignored = await Execute(conn, async, u.Insert().Values(new { id = 1, name = "ann2" }).OnConflictDoNothing(u.C["id"]));
        var upsert = u.Insert().Values(new[] { new { id = 2, name = "bobby" }, new { id = 7, name = "gus" } });
        await Execute(conn, async, upsert.OnConflictDoUpdate([u.C["id"]], new { name = upsert.Excluded.C["name"] + "/" + u.C["name"] }));
        var guarded = u.Insert().Values(new { id = 3, name = "cyd" });
        await Execute(conn, async, guarded.OnConflictDoUpdate([u.C["id"]], new { name = guarded.Excluded.C["name"] }, where: u.C["name"] != "cy"));

        Assert.Equal(["ed", "flo"], multi.Scalars<string>().All());
        Assert.Equal(2, fromSelect.RowCount);
        Assert.Equal(0, ignored.RowCount);
        Assert.Equal(["ann", "bobby/bob", "cy", "di", "ed", "flo", "gus"], (await Execute(conn, async, Select(u.C["name"]).OrderBy(u.C["id"]))).Scalars<string>().All());
        Assert.Equal(["(ed-gift, 1)", "(flo-gift, 1)"], await Rows(conn, async, Select(o.C["item"], o.C["qty"]).Where(o.C["item"].EndsWith("-gift")).OrderBy(o.C["item"])));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Updates_from_expressions_and_other_tables_and_deletes_reading_other_tables(bool async)
    {
        var (engine, u, o) = await Setup();
        await using var conn = await Connect(engine, async);

        var bumped = await Execute(conn, async, o.Update().Values(new { qty = o.C["qty"] + 100 }).Where(o.C["item"] == "apple").Returning(o.C["qty"]));
        var fromOther = await Execute(conn, async, o.Update().Values(new { item = o.C["item"] + "@" + u.C["name"] }).Where(o.C["user_id"] == u.C["id"])
            .Where(u.C["name"] == "cy"));
        var correlated = await Execute(conn, async, u.Update().Values(new { parent_id = Select(Func.Count()).SelectFrom(o).Where(o.C["user_id"] == u.C["id"]).ScalarSubquery() }));
        var deleteIn = await Execute(conn, async, o.Delete().Where(o.C["user_id"].In(Select(u.C["id"]).Where(u.C["name"] == "bob"))));

        Assert.Equal([103, 107], bumped.Scalars<int>().All().Order());
        Assert.Equal(1, fromOther.RowCount);
        Assert.Equal(4, correlated.RowCount);
        Assert.Equal(1, deleteIn.RowCount);
        Assert.Equal(["(ann, 2)", "(bob, 1)", "(cy, 1)", "(di, 0)"], await Rows(conn, async, Select(u.C["name"], u.C["parent_id"]).OrderBy(u.C["id"])));
        Assert.Equal(["(apple, 103)", "(fig@cy, 1)", "(pear, 10)"], await Rows(conn, async, Select(o.C["item"], o.C["qty"]).OrderBy(o.C["item"])));
        var usingDelete = o.Delete().Where(o.C["user_id"] == u.C["id"]).Where(u.C["name"] == "ann");
        if (IsSqlite)
        {
            Assert.Contains("SQLite has no DELETE … USING", (await Assert.ThrowsAsync<NotSupportedException>(() => Execute(conn, async, usingDelete))).Message);
        }
        else
        {
            Assert.Equal(2, (await Execute(conn, async, usingDelete)).RowCount);
        }
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Text_with_declared_columns_reads_typed_values_and_nests(bool async)
    {
        var (engine, u, _) = await Setup();
        await using var conn = await Connect(engine, async);
        var text = Text($"select id, name from {u.Name} where id > :min").Columns(new Column<int>("id"), new Column<string>("name"));

        var rows = (await Execute(conn, async, text, new { min = 2 })).All();
        var sub = text.Subquery("t");
        var nested = await Rows(conn, async, Select(sub.C["name"]).Where(sub.C["id"] < 4), new { min = 1 });

        Assert.Equal([3, 4], rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.IsType<int>(r[0]));
        Assert.Equal(["(bob,)", "(cy,)"], nested);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Client_side_defaults_fill_columns_not_given(bool async)
    {
        var meta = new MetaData();
        var calls = 0;
        var t = new Table(TableName("d"), meta, new Column<int>("id", primaryKey: true), new Column<string>("status", defaultValue: "new"),
            new Column<Guid>("token", defaultFactory: Guid.NewGuid), new Column<int>("seq", defaultFactory: () => Interlocked.Increment(ref calls)));
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);
        await conn.RunSyncAsync(meta.CreateAll);

        await ExecuteMany(conn, async, t.Insert(), [new { id = 1 }, new { id = 2 }, new { id = 3 }]);
        await Execute(conn, async, t.Insert().Values(new { id = 4, status = "given" }));
        var rows = (await Execute(conn, async, Select(t).OrderBy(t.C["id"]))).All();

        Assert.Equal(["new", "new", "new", "given"], rows.Select(r => r.Get<string>("status")));
        Assert.Equal(4, rows.Select(r => r.Get<Guid>("token")).Distinct().Count());
        Assert.Equal([1, 2, 3, 4], rows.Select(r => r.Get<int>("seq")));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Executemany_inserts_go_out_in_multi_row_pages_returning_keys_in_input_order(bool async)
    {
        var engine = CreateEngine(new EngineOptions { InsertManyValuesPageSize = 400 });
        var meta = new MetaData();
        var t = new Table(TableName("m"), meta, new Column<int>("id", primaryKey: true), new Column<string>("name"), new Column<int>("n"));
        await using var conn = await Connect(engine, async);
        await conn.RunSyncAsync(meta.CreateAll);
        var statements = new List<string>();
        engine.SyncEngine.Events.BeforeCursorExecute += e => statements.Add(e.Sql);

        var sets = Enumerable.Range(0, 1000).Select(i => (object)new { name = $"row {i}", n = 999 - i }).ToList();
        var result = await ExecuteMany(conn, async, t.Insert().Returning(t.C["id"], t.C["n"]), sets);
        var returned = result.All();
        var plain = await ExecuteMany(conn, async, t.Insert(), [new { name = "x", n = 1 }, new { name = "y", n = 2 }]);

        Assert.Equal(3 + 1, statements.Count);
        Assert.Equal(400, statements[0].Split("), (").Length);
        Assert.Equal(1000, result.RowCount);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => 999 - i), returned.Select(r => r.Get<int>("n")));
        var byId = (await Execute(conn, async, Select(t.C["id"], t.C["n"]).Where(t.C["name"].StartsWith("row ")))).All().ToDictionary(r => r.Get<int>("id"), r => r.Get<int>("n"));
        Assert.All(returned, r => Assert.Equal(byId[r.Get<int>("id")], r.Get<int>("n")));
        Assert.Equal(2, plain.RowCount);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task In_lists_from_collections_and_caller_parameters_match_the_right_rows(bool async)
    {
        var (engine, u, o) = await Setup();
        await using var conn = await Connect(engine, async);
        var byList = Select(u.C["name"]).Where(u.C["id"].In(BindParam("ids"))).OrderBy(u.C["id"]);
        var notByList = Select(u.C["name"]).Where(u.C["id"].NotIn(BindParam("ids"))).OrderBy(u.C["id"]);

        var fromArray = await Rows(conn, async, Select(u.C["name"]).Where(u.C["id"].In(new[] { 1, 3 })).OrderBy(u.C["id"]));
        var fromSet = await Rows(conn, async, Select(o.C["item"]).Where(o.C["item"].In(new HashSet<string> { "fig", "pear", "kiwi" })).OrderBy(o.C["item"]));
        // Nine ids take ten parameters: the padding repeats the last and matches nothing more.
        var padded = await Rows(conn, async, Select(u.C["name"]).Where(u.C["id"].In(Enumerable.Range(2, 9))).OrderBy(u.C["id"]));
        var named = await Rows(conn, async, byList, new { ids = new List<int> { 4, 2 } });
        var namedOther = await Rows(conn, async, byList, new { ids = new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 } });
        var namedEmpty = await Rows(conn, async, byList, new { ids = Array.Empty<int>() });
        var notNamed = await Rows(conn, async, notByList, new { ids = new[] { 1, 2 } });
        var notEmpty = await Rows(conn, async, notByList, new { ids = Array.Empty<int>() });
        var deleted = (await Execute(conn, async, o.Delete().Where(o.C["item"].In(BindParam("items"))), new { items = new[] { "apple", "x" } })).RowCount;

        Assert.Equal(["(ann,)", "(cy,)"], fromArray);
        Assert.Equal(["(fig,)", "(pear,)"], fromSet);
        Assert.Equal(["(bob,)", "(cy,)", "(di,)"], padded);
        Assert.Equal(["(bob,)", "(di,)"], named);
        Assert.Equal(["(ann,)", "(bob,)", "(cy,)", "(di,)"], namedOther);
        Assert.Empty(namedEmpty);
        Assert.Equal(["(cy,)", "(di,)"], notNamed);
        Assert.Equal(4, notEmpty.Count);
        Assert.Equal(2, deleted);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ExecuteMany(conn, async, o.Delete().Where(o.C["item"].In(BindParam("items"))),
            [new { items = new[] { "a" } }, new { items = new[] { "b", "c" } }]));
        Assert.Contains("cannot vary across the parameter sets of an executemany", error.Message);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Statements_built_anew_with_other_values_reuse_the_compiled_sql(bool async)
    {
        var (engine, u, _) = await Setup();
        await using var conn = await Connect(engine, async);
        var dialect = engine.Dialect;

        var names = new List<string>();
        var compiled = new List<Compiled>();
        foreach (var id in new[] { 1, 2, 3 })
        {
            var statement = Select(u.C["name"]).Where(u.C["id"] == id);
            names.Add((await Execute(conn, async, statement)).Scalars<string>().One());
            compiled.Add(statement.CompileCached(dialect, null));
        }

        Assert.Equal(["ann", "bob", "cy"], names);
        Assert.All(compiled, c => Assert.Same(compiled[0], c));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_select_of_values_alone_has_no_FROM_and_a_join_still_needs_a_table_to_start_from(bool async)
    {
        var (engine, u, o) = await Setup();
        await using var conn = await Connect(engine, async);

        var one = await Rows(conn, async, Select(Literal(1).Label("one"), Func.Lower(Literal("ABC"))));
        var counts = await Rows(conn, async, Select(
            Select(Func.Count()).SelectFrom(u).ScalarSubquery().Label("users"),
            Select(Func.Count()).SelectFrom(o).ScalarSubquery().Label("orders")));
        var now = (await Execute(conn, async, Select(Func.Now()))).Scalar();

        Assert.Equal(["(1, abc)"], one);
        Assert.Equal(["(4, 4)"], counts);
        Assert.NotNull(now);
        var error = Assert.Throws<ArgumentException>(() => Select(Literal(1)).Join(u, u.C["id"] == 1));
        Assert.Contains("nothing to join", error.Message);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task For_update_locks_rows_and_skip_locked_and_nowait_behave(bool async)
    {
        var (engine, u, _) = await Setup();
        await using var first = await Connect(engine, async);
        var locked = await Rows(first, async, Select(u.C["name"]).Where(u.C["id"] == 1).ForUpdate());
        Assert.Equal(["(ann,)"], locked);
        if (IsSqlite)
        {
            Assert.Throws<NotSupportedException>(() => Select(u).ForUpdate(skipLocked: true).Compile(engine.Dialect));
            return;
        }
        await using var second = await Connect(engine, async);

        var skipped = await Rows(second, async, Select(u.C["name"]).OrderBy(u.C["id"]).ForUpdate(skipLocked: true));
        var error = await Assert.ThrowsAsync<OperationalException>(() => Execute(second, async, Select(u.C["name"]).Where(u.C["id"] == 1).ForUpdate(noWait: true)));

        Assert.Equal(["(bob,)", "(cy,)", "(di,)"], skipped);
        Assert.Contains("lock", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class SqliteQueryTests(DatabaseFixture<SqliteDatabase> fixture) : QueryTests<SqliteDatabase>(fixture);

public sealed class PostgresQueryTests(DatabaseFixture<PostgresDatabase> fixture) : QueryTests<PostgresDatabase>(fixture);
