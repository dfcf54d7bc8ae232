using Framework.Sql;
using Framework.Tests.Infrastructure;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Sql;

/// <summary>
/// Names are identifiers, not values: they cannot be bound, so they must be quoted. Tables, columns, labels,
/// aliases, subqueries and CTEs named with quotes, separators, comments, keywords and Unicode are created, written,
/// read, inspected and dropped on both databases, and the canary the payloads name is left intact.
/// </summary>
public abstract class HostileIdentifierTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : EngineTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    /// <summary>
    /// Names that break SQL written around them unquoted. No two differ only in the case of ASCII letters, which
    /// SQLite would take for the same name.
    /// </summary>
    internal static readonly string[] Names =
    [
        "O'Reilly", "say \"hi\"", "\"", "\"\"", "'", "`", "a b", " ", " leading", "trailing ", "semi;colon",
        "\"; DROP TABLE canary; --", "'; DROP TABLE canary; --", "x\"); DROP TABLE canary; --", "-- comment", "/* c */",
        "select", "from", "order", "user", "table", "Where", "NULL", "MixedCase", "UPPER", "1starts_with_digit", "dot.ted", "[br]",
        "back\\slash", "$1", ":name", "@p0", "?", "%_", "tab\there", "new\nline", "\u00FCn\u00EFc\u00F8d\u00E9", "\u8868",
        "emoji\U0001F642", "zwj\u200Dname", "\u202Ertl", "e\u0301", "\uFF02full-width\uFF02",
    ];

    /// <summary>SQLite's keywords (sqlite.org/lang_keywords.html), lower-cased: any may be a name when quoted.</summary>
    private static readonly string[] SqliteKeywords =
    [
        "abort", "action", "add", "after", "all", "alter", "always", "analyze", "and", "as", "asc", "attach", "autoincrement", "before",
        "begin", "between", "by", "cascade", "case", "cast", "check", "collate", "column", "commit", "conflict", "constraint", "create",
        "cross", "current", "current_date", "current_time", "current_timestamp", "database", "default", "deferrable", "deferred", "delete",
        "desc", "detach", "distinct", "do", "drop", "each", "else", "end", "escape", "except", "exclude", "exclusive", "exists", "explain",
        "fail", "filter", "first", "following", "for", "foreign", "from", "full", "generated", "glob", "group", "groups", "having", "if",
        "ignore", "immediate", "in", "index", "indexed", "initially", "inner", "insert", "instead", "intersect", "into", "is", "isnull",
        "join", "key", "last", "left", "like", "limit", "match", "materialized", "natural", "no", "not", "nothing", "notnull", "null",
        "nulls", "of", "offset", "on", "or", "order", "others", "outer", "over", "partition", "plan", "pragma", "preceding", "primary",
        "query", "raise", "range", "recursive", "references", "regexp", "reindex", "release", "rename", "replace", "restrict", "returning",
        "right", "rollback", "row", "rows", "savepoint", "select", "set", "table", "temp", "temporary", "then", "ties", "to", "transaction",
        "trigger", "unbounded", "union", "unique", "update", "using", "vacuum", "values", "view", "virtual", "when", "where", "window",
        "with", "without",
    ];

    private static async Task<T> Inspect<T>(AsyncConnection conn, bool async, Func<AsyncInspector, ValueTask<T>> asyncCall, Func<Inspector, T> syncCall) =>
        async ? await asyncCall(await conn.InspectAsync()) : syncCall(Inspector.For(conn.SyncConnection));

    /// <summary>
    /// Runs <paramref name="work"/> in a SAVEPOINT, rolled back when it throws; returns what it threw (a failed
    /// assertion too), so one test can report every name that fails instead of the first.
    /// </summary>
    private static async Task<Exception?> Attempt(AsyncConnection conn, bool async, Func<Task> work)
    {
        var savepoint = await BeginNested(conn, async);
        try
        {
            await work();
            await End(savepoint, async, commit: true);
            return null;
        }
        catch (Exception e)
        {
            await End(savepoint, async, commit: false);
            return e;
        }
    }

    /// <summary>The value stored under a name: never the name itself, so SQLite cannot pass the test by reading a misquoted name as a string.</summary>
    private static string ValueOf(string name, int row = 1) => $"value {row} of {name}";

    [Theory, InlineData(false), InlineData(true)]
    public async Task Hostile_table_and_column_names_are_created_written_read_inspected_and_dropped(bool async)
    {
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);
        var canary = await Canary.Ensure(conn);
        await Commit(conn, async);

        // A table per name, holding a column of that name; and a wide one with every name as a column, a foreign key
        // to the table named "dot.ted", and a unique constraint and indexes named with payloads.
        const string wideName = "wide \"; DROP TABLE canary; --'";
        var meta = new MetaData();
        var tables = Names.Select(n => new Table(n, meta, new Column<int>("id", primaryKey: true, autoincrement: false), new Column<string>(n))).ToList();
        var parent = tables[Array.IndexOf(Names, "dot.ted")];
        var wide = new Table(wideName, meta,
        [
            new Column<int>("id", primaryKey: true, autoincrement: false),
            .. Names.Select(n => new Column<string>(n)),
            new Column<int?>("parent'id", foreignKey: new ForeignKey("dot.ted.id", name: "fk \"; DROP TABLE canary; --")),
            new Column<string>("indexed \"col\"", index: true),
            new UniqueConstraint("uq '; DROP TABLE canary; --", "'", "a b"),
            new TableIndex("ix \"; DROP TABLE canary; --", "semi;colon"),
        ]);
        string[] wideColumns = ["id", .. Names, "parent'id", "indexed \"col\""];
        await DropAll(meta, conn, async);
        await CreateAll(meta, conn, async);
        await Commit(conn, async);

        foreach (var table in tables)
        {
            var name = table.C[1].Name;
            Assert.Equal(1, (await Execute(conn, async, table.Insert().Values(new Dictionary<string, object?> { ["id"] = 1, [name] = ValueOf(name) }))).RowCount);
        }
        Dictionary<string, object?> WideRow(int id) => new[] { new KeyValuePair<string, object?>("id", id) }
            .Concat(Names.Select(n => new KeyValuePair<string, object?>(n, ValueOf(n, id))))
            .Append(new("parent'id", 1)).Append(new("indexed \"col\"", ValueOf("indexed", id))).ToDictionary();
        Assert.Equal(2, (await ExecuteMany(conn, async, wide.Insert(), [WideRow(1), WideRow(2)])).RowCount);
        await Commit(conn, async);

        var tableNames = await Inspect(conn, async, i => i.GetTableNamesAsync(), i => i.GetTableNames());
        Assert.Empty(Names.Append(wideName).Append(HostileStrings.CanaryTable).Except(tableNames));
        foreach (var name in Names)
        {
            Assert.True(await Inspect(conn, async, i => i.HasTableAsync(name), i => i.HasTable(name)), name);
            Assert.Equal(["id", name], (await Inspect(conn, async, i => i.GetColumnsAsync(name), i => i.GetColumns(name))).Select(c => c.Name));
            var row = (await Execute(conn, async, Select(tables[Array.IndexOf(Names, name)]).Where(tables[Array.IndexOf(Names, name)].C[name] == ValueOf(name)))).One();
            Assert.Equal(["id", name], row.Keys);
            Assert.Equal(ValueOf(name), row.Get<string>(name));
        }
        Assert.Equal(wideColumns, (await Inspect(conn, async, i => i.GetColumnsAsync(wideName), i => i.GetColumns(wideName))).Select(c => c.Name));
        var foreignKey = Assert.Single(await Inspect(conn, async, i => i.GetForeignKeysAsync(wideName), i => i.GetForeignKeys(wideName)));
        Assert.Equal(("fk \"; DROP TABLE canary; --", "dot.ted"), (foreignKey.Name, foreignKey.ReferredTable));
        Assert.Equal(("parent'id", "id"), (foreignKey.Columns.Single(), foreignKey.ReferredColumns.Single()));
        var unique = Assert.Single(await Inspect(conn, async, i => i.GetUniqueConstraintsAsync(wideName), i => i.GetUniqueConstraints(wideName)));
        Assert.Equal("uq '; DROP TABLE canary; --", unique.Name);
        Assert.Equal(["'", "a b"], unique.Columns);
        var indexes = await Inspect(conn, async, i => i.GetIndexesAsync(wideName), i => i.GetIndexes(wideName));
        Assert.Equal([("ix \"; DROP TABLE canary; --", "semi;colon"), ($"ix_{wideName}_indexed \"col\"", "indexed \"col\"")],
            indexes.Select(i => (i.Name, Assert.Single(i.Columns))).OrderBy(i => i.Name, StringComparer.Ordinal));

        var wideRows = (await Execute(conn, async, Select(wide).OrderBy(wide.C["id"]))).All();
        Assert.Equal(wideColumns, wideRows[0].Keys);
        Assert.Equal(Names.Select(n => ValueOf(n, 2)), Names.Select(n => wideRows[1].Get<string>(n)));
        var joined = await Execute(conn, async, Select(wide.C["id"], parent.C["dot.ted"]).Join(parent).OrderBy(wide.C["id"]));
        Assert.Equal([(1, ValueOf("dot.ted")), (2, ValueOf("dot.ted"))], joined.All().Select(r => (r.Get<int>(0), r.Get<string>(1))));
        var changes = Names.ToDictionary(n => n, n => (object?)$"changed {n}");
        Assert.Equal(1, (await Execute(conn, async, wide.Update().Values(changes).Where(wide.C["'"] == ValueOf("'", 1)))).RowCount);
        Assert.Equal(1, (await Execute(conn, async, wide.Delete().Where(wide.C["\"; DROP TABLE canary; --"] == ValueOf("\"; DROP TABLE canary; --", 2)))).RowCount);
        var left = (await Execute(conn, async, Select(wide))).One();
        Assert.Equal(Names.Select(n => $"changed {n}"), Names.Select(n => left.Get<string>(n)));
        await Commit(conn, async);

        await DropAll(meta, conn, async);
        await Commit(conn, async);
        var after = await Inspect(conn, async, i => i.GetTableNamesAsync(), i => i.GetTableNames());
        Assert.Empty(after.Intersect(Names.Append(wideName)));
        Assert.Contains(HostileStrings.CanaryTable, after);
        Canary.AssertIntact(await Execute(conn, async, Canary.ReadAll(canary)));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Labels_aliases_subqueries_and_ctes_with_hostile_names_are_quoted(bool async)
    {
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);
        var meta = new MetaData();
        var t = new Table(TableName("names"), meta, new Column<int>("id", primaryKey: true, autoincrement: false), new Column<string>("v"));
        await CreateAll(meta, conn, async);
        await ExecuteMany(conn, async, t.Insert(), [new { id = 1, v = "one" }, new { id = 2, v = "two" }]);
        var canary = await Canary.Ensure(conn);
        await Commit(conn, async);

        foreach (var name in Names)
        {
            var label = t.C["v"].Label(name);
            var labelled = (await Execute(conn, async, Select(t.C["id"], label).Where(t.C["id"] == 1).OrderBy(label))).One();
            Assert.Equal(["id", name], labelled.Keys);
            Assert.Equal("one", labelled.Get<string>(name));

            var alias = t.Alias(name);
            Assert.Equal("two", (await Execute(conn, async, Select(alias.C["v"]).Where(alias.C["id"] == 2))).ScalarOne<string>());
            var pair = (await Execute(conn, async, Select(t.C["v"], alias.C["v"].Label("next")).Join(alias, alias.C["id"] == t.C["id"] + 1))).One();
            Assert.Equal(("one", "two"), (pair.Get<string>(0), pair.Get<string>("next")));

            var subquery = Select(t.C["id"], t.C["v"].Label(name)).Subquery(name);
            Assert.Equal("two", (await Execute(conn, async, Select(subquery.C[name]).Where(subquery.C["id"] == 2))).ScalarOne<string>());

            var cte = Select(t.C["id"], t.C["v"].Label(name)).Cte(name);
            Assert.Equal("one", (await Execute(conn, async, Select(cte.C[name]).Where(cte.C["id"] == 1))).ScalarOne<string>());
        }

        Assert.Equal(2, (await Execute(conn, async, Select(Func.Count()).SelectFrom(t))).ScalarOne<long>());
        Canary.AssertIntact(await Execute(conn, async, Canary.ReadAll(canary)));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Bind_parameter_names_are_never_written_into_the_sql(bool async)
    {
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);
        var meta = new MetaData();
        var t = new Table(TableName("params"), meta, new Column<int>("id", primaryKey: true, autoincrement: false));
        await CreateAll(meta, conn, async);
        await Execute(conn, async, t.Insert().Values(new { id = 1 }));
        var canary = await Canary.Ensure(conn);
        await Commit(conn, async);
        Select Query(ColumnElement parameter) => Select(parameter.Label("echo")).SelectFrom(t).Where(t.C["id"] == 1);
        var plain = Query(BindParam("p")).Compile(engine.Dialect).Sql;

        foreach (var name in Names)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                // A blank name could never be passed by a caller; it is refused, not bound.
                Assert.Throws<ArgumentException>(() => BindParam(name));
                continue;
            }
            Assert.Equal(plain, Query(BindParam(name)).Compile(engine.Dialect).Sql);
            var given = await Execute(conn, async, Query(BindParam(name)), new Dictionary<string, object?> { [name] = ValueOf(name) });
            Assert.Equal(ValueOf(name), given.ScalarOne<string>());
            Assert.Equal("default", (await Execute(conn, async, Query(BindParam(name, "default")))).ScalarOne<string>());
            var overridden = await Execute(conn, async, Query(BindParam(name, "default")), new Dictionary<string, object?> { [name] = ValueOf(name) });
            Assert.Equal(ValueOf(name), overridden.ScalarOne<string>());
        }

        Canary.AssertIntact(await Execute(conn, async, Canary.ReadAll(canary)));
    }

    /// <summary>
    /// Every keyword the database reserves in some position (on PostgreSQL, those <c>pg_get_keywords()</c> marks
    /// reserved, type or function name, or column name; on both, SQLite's keyword list) works as a table, column,
    /// label and alias name.
    /// </summary>
    [Theory, InlineData(false), InlineData(true)]
    public async Task Keywords_of_the_database_work_as_table_column_label_and_alias_names(bool async)
    {
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);
        IEnumerable<string> keywords = SqliteKeywords;
        if (Db.IsPostgres)
            keywords = keywords.Union((await Execute(conn, async, Text("SELECT word FROM pg_get_keywords() WHERE catcode <> 'U'"))).Scalars<string>().All());
        var failures = new List<string>();
        foreach (var keyword in keywords.Order(StringComparer.Ordinal))
        {
            var table = new Table(keyword, new MetaData(), new Column<int>("id", primaryKey: true, autoincrement: false), new Column<string>(keyword));
            var error = await Attempt(conn, async, async () =>
            {
                if (async)
                    await table.CreateAsync(conn);
                else
                    table.Create(conn.SyncConnection);
                await Execute(conn, async, table.Insert().Values(new Dictionary<string, object?> { ["id"] = 1, [keyword] = ValueOf(keyword) }));
                var alias = table.Alias(keyword);
                var row = (await Execute(conn, async, Select(alias.C[keyword].Label(keyword)).Where(alias.C[keyword] == ValueOf(keyword)))).One();
                Assert.Equal(ValueOf(keyword), row.Get<string>(keyword));
                if (async)
                    await table.DropAsync(conn);
                else
                    table.Drop(conn.SyncConnection);
            });
            if (error is not null)
                failures.Add($"{keyword}: {error.Message.Split('\n')[0]}");
        }
        await Commit(conn, async);

        Assert.True(failures.Count == 0, $"{failures.Count} keywords fail as names on {Db.Name}:\n{string.Join("\n", failures)}");
    }

    /// <summary>
    /// PostgreSQL keeps the first 63 bytes of a name and drops the rest with only a NOTICE, after which nothing is
    /// found under the name given (result keys come back cut, the inspector misses the table, DropAll leaves it). So
    /// there a name over 63 bytes of UTF-8 is refused before any SQL runs, with an error naming the limit, in DDL and
    /// in every statement alike. SQLite has no limit: the same names work everywhere.
    /// </summary>
    [Theory, InlineData(false), InlineData(true)]
    public async Task A_name_over_63_bytes_is_refused_on_PostgreSQL_and_works_on_SQLite(bool async)
    {
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);
        var tableName = $"t{Guid.NewGuid():N}".PadRight(100, 'x');
        var columnName = "c".PadRight(100, 'y');
        var meta = new MetaData();
        var table = new Table(tableName, meta, new Column<int>("id", primaryKey: true, autoincrement: false), new Column<string>(columnName));
        var tablesBefore = await Inspect(conn, async, i => i.GetTableNamesAsync(), i => i.GetTableNames());

        if (Db.IsPostgres)
        {
            var refused = Assert.IsType<InvalidOperationException>(await Attempt(conn, async, () => CreateAll(meta, conn, async)));
            Assert.Contains($"'{tableName[..40]}…' (100 characters) is 100 bytes long", refused.Message, StringComparison.Ordinal);
            Assert.Contains("limit of 63 bytes", refused.Message, StringComparison.Ordinal);
            Assert.Equal(tablesBefore, await Inspect(conn, async, i => i.GetTableNamesAsync(), i => i.GetTableNames()));

            var small = new Table("small", new MetaData(), new Column<int>("id", primaryKey: true));
            Executable[] statements =
            [
                Select(table.C["id"]), Select(small.C["id"].Label(columnName)), Select(small.Alias(columnName).C["id"]),
                Select(Select(small.C["id"]).Subquery(columnName).C["id"]), Select(Select(small.C["id"]).Cte(columnName).C["id"]),
                table.Insert().Values(new { id = 1 }), table.Update().Values(new { id = 2 }), table.Delete(),
            ];
            foreach (var statement in statements)
                Assert.Contains("limit of 63 bytes", Assert.Throws<InvalidOperationException>(() => statement.Compile(engine.Dialect)).Message, StringComparison.Ordinal);
            return;
        }

        await CreateAll(meta, conn, async);
        await Execute(conn, async, table.Insert().Values(new Dictionary<string, object?> { ["id"] = 1, [columnName] = "v" }));
        var row = (await Execute(conn, async, Select(table.C[columnName].Label(columnName)).Where(table.C[columnName] == "v"))).One();
        Assert.Equal([columnName], row.Keys);
        Assert.True(await Inspect(conn, async, i => i.HasTableAsync(tableName), i => i.HasTable(tableName)));
        Assert.Equal(["id", columnName], (await Inspect(conn, async, i => i.GetColumnsAsync(tableName), i => i.GetColumns(tableName))).Select(c => c.Name));
        await CreateAll(meta, conn, async);
        await DropAll(meta, conn, async);
        await Commit(conn, async);
        Assert.Equal(tablesBefore, await Inspect(conn, async, i => i.GetTableNamesAsync(), i => i.GetTableNames()));
    }

    /// <summary>
    /// The limit counts bytes, not characters: a name of 21 three-byte characters (63 bytes) works on both databases,
    /// one more byte is refused on PostgreSQL. Names Framework makes up itself (<c>ix_table_column</c>,
    /// <c>fk_table_column_target</c>) are cut to fit instead, the same way for CREATE and DROP, so long table and
    /// column names still get their indexes and foreign keys, cycles included.
    /// </summary>
    [Theory, InlineData(false), InlineData(true)]
    public async Task Names_at_the_limit_work_and_made_up_names_are_cut_to_fit(bool async)
    {
        var engine = CreateEngine();
        await using var conn = await Connect(engine, async);
        var tablesBefore = await Inspect(conn, async, i => i.GetTableNamesAsync(), i => i.GetTableNames());
        var stem = Guid.NewGuid().ToString("N")[..8];
        var atLimit = string.Concat(Enumerable.Repeat("\u8868", 19)) + stem[..2]; // 57 + 2 bytes
        atLimit += new string('z', 63 - System.Text.Encoding.UTF8.GetByteCount(atLimit));
        Assert.Equal(63, System.Text.Encoding.UTF8.GetByteCount(atLimit));
        var (parentName, childName) = ($"parent_{stem}".PadRight(60, 'p'), $"child_{stem}".PadRight(60, 'c'));
        var longColumn = "column_".PadRight(60, 'k');

        var meta = new MetaData();
        var exact = new Table(atLimit, meta, new Column<int>("id", primaryKey: true, autoincrement: false), new Column<string>(atLimit, index: true));
        var parent = new Table(parentName, meta, new Column<int>("id", primaryKey: true, autoincrement: false),
            new Column<int?>(longColumn, index: true, foreignKey: new ForeignKey($"{childName}.id")));
        var child = new Table(childName, meta, new Column<int>("id", primaryKey: true, autoincrement: false),
            new Column<int?>(longColumn, foreignKey: new ForeignKey($"{parentName}.id")));
        await CreateAll(meta, conn, async);
        await Commit(conn, async);

        await Execute(conn, async, exact.Insert().Values(new Dictionary<string, object?> { ["id"] = 1, [atLimit] = "v" }));
        var row = (await Execute(conn, async, Select(exact.C[atLimit].Label(atLimit)).Where(exact.C[atLimit] == "v"))).One();
        Assert.Equal([atLimit], row.Keys);
        Assert.Equal(["id", atLimit], (await Inspect(conn, async, i => i.GetColumnsAsync(atLimit), i => i.GetColumns(atLimit))).Select(c => c.Name));
        var made = (await Inspect(conn, async, i => i.GetIndexesAsync(parentName), i => i.GetIndexes(parentName))).Select(i => i.Name)
            .Concat((await Inspect(conn, async, i => i.GetForeignKeysAsync(childName), i => i.GetForeignKeys(childName))).Select(k => k.Name!))
            .Concat((await Inspect(conn, async, i => i.GetForeignKeysAsync(parentName), i => i.GetForeignKeys(parentName))).Select(k => k.Name!)).ToList();
        Assert.Equal(3, made.Count);
        Assert.All(made, name => Assert.True(Db.IsPostgres ? name.Length == 63 : name.Length > 63, name));
        Assert.Single(made, name => name.StartsWith($"ix_{parentName[..40]}", StringComparison.Ordinal));
        Assert.Single(made, name => name.StartsWith($"fk_{childName[..40]}", StringComparison.Ordinal));
        Assert.Single(made, name => name.StartsWith($"fk_{parentName[..40]}", StringComparison.Ordinal));
        await Commit(conn, async);

        await DropAll(meta, conn, async);
        await Commit(conn, async);
        Assert.Equal(tablesBefore, await Inspect(conn, async, i => i.GetTableNamesAsync(), i => i.GetTableNames()));

        if (Db.IsPostgres)
        {
            var over = new Table(atLimit + "z", new MetaData(), new Column<int>("id", primaryKey: true));
            var refused = Assert.IsType<InvalidOperationException>(await Attempt(conn, async, () => CreateAll(over.MetaData, conn, async)));
            Assert.Contains("is 64 bytes long", refused.Message, StringComparison.Ordinal);
        }
    }
}

public sealed class SqliteHostileIdentifierTests(DatabaseFixture<SqliteDatabase> fixture) : HostileIdentifierTests<SqliteDatabase>(fixture);

public sealed class PostgresHostileIdentifierTests(DatabaseFixture<PostgresDatabase> fixture) : HostileIdentifierTests<PostgresDatabase>(fixture);
