using Framework.Dialects.PostgreSql;
using Framework.Dialects.Sqlite;
using Framework.Sql;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Sql;

public class StatementCompilerTests
{
    private static readonly MetaData Meta = new();
    private static readonly Table T1 = new("t1", Meta, new Column<int>("id", primaryKey: true), new Column<string>("name"), new Column<int>("qty"));

    private static (string Postgres, string Sqlite) Both(Executable statement) =>
        (statement.Compile(PostgreSqlDialect.Instance).Sql, statement.Compile(SqliteDialect.Instance).Sql);

    [Fact]
    public void ToString_shows_a_select_s_values_as_named_parameters()
    {
        var statement = Select(T1.C["name"]).Where(T1.C["id"] == 5).Where(T1.C["name"] == BindParam("name"));

        Assert.Equal("SELECT t1.name \nFROM t1 \nWHERE t1.id = :param_1 AND t1.name = :name", statement.ToString());
        Assert.Equal("SELECT t1.id \nFROM t1 ORDER BY t1.id \nLIMIT :param_1 OFFSET :param_2",
            Select(T1.C["id"]).OrderBy(T1.C["id"]).Limit(10).Offset(20).ToString());
    }

    [Fact]
    public void ToString_is_no_database_s_sql()
    {
        var statement = T1.Insert().Values(new { id = 1, name = "a" });

        Assert.Equal("INSERT INTO t1 (id, name) VALUES (:param_1, :param_2)", statement.ToString());
        Assert.DoesNotContain(statement.ToString(), (string[])[Both(statement).Postgres, Both(statement).Sqlite]);
    }

    [Theory, InlineData("postgresql"), InlineData("sqlite")]
    public void Only_a_select_without_locks_functions_or_raw_sql_compiles_as_reading_only(string dialectName)
    {
        Dialect dialect = dialectName == "sqlite" ? SqliteDialect.Instance : PostgreSqlDialect.Instance;
        bool ReadsOnly(Executable statement) => statement.CompileCached(dialect, null).ReadsOnly;

        var inner = Select(T1.C["id"]).Where(T1.C["qty"] > 3);
        Assert.True(ReadsOnly(Select(T1).Where(T1.C["name"] == "x").OrderBy(T1.C["id"]).Limit(5)));
        Assert.True(ReadsOnly(Select(Func.Count(), Func.Max(T1.C["qty"])).SelectFrom(T1)));
        Assert.True(ReadsOnly(Select(T1).Where(T1.C["id"].In(inner)).Where(T1.C["name"] != Null())));
        Assert.True(ReadsOnly(Select(T1).Union(Select(T1))));
        Assert.True(ReadsOnly(Select(inner.Cte("plain").C["id"])));

        Assert.False(ReadsOnly(Select(T1).ForUpdate()));
        Assert.False(ReadsOnly(Select(Func.Now()).SelectFrom(T1)));
        Assert.False(ReadsOnly(Select(T1).Where(T1.C["id"].In(Select(Func.Call("nextval", "s")).SelectFrom(T1)))));
        Assert.False(ReadsOnly(Select(T1).Union(Select(T1).Where(T1.C["qty"] > Func.Call("random")))));
        Assert.False(ReadsOnly(Select(T1.C["id"], LiteralColumn("pg_advisory_xact_lock(1)"))));
        Assert.False(ReadsOnly(Text("SELECT 1")));
        Assert.False(ReadsOnly(Text("SELECT id FROM t1").Columns(new Column<int>("id"))));
        // A function inside a CTE's body, which the compiler writes last, at the top of the statement.
        Assert.False(ReadsOnly(Select(Select(Func.Call("nextval", "s").Label("n")).SelectFrom(T1).Cte("seq").C["n"])));
        Assert.False(ReadsOnly(T1.Insert()));
        Assert.False(ReadsOnly(T1.Update().Values(new { qty = 1 })));
        Assert.False(ReadsOnly(T1.Delete()));
        Assert.False(ReadsOnly(Select(T1).Where(T1.C["id"].In(Select(T1.C["id"]).ForUpdate()))));
    }

    [Fact]
    public void A_select_of_values_alone_compiles_without_FROM()
    {
        Assert.Equal(("SELECT $1 AS one, now()", "SELECT @p0 AS one, CURRENT_TIMESTAMP"), Both(Select(Literal(1).Label("one"), Func.Now())));
    }

    [Fact]
    public void Select_of_a_table_with_a_where_compiles_with_bound_values()
    {
        var statement = Select(T1).Where(T1.C["name"] == "some name 1");

        Assert.Equal(("SELECT t1.id, t1.name, t1.qty \nFROM t1 \nWHERE t1.name = $1", "SELECT t1.id, t1.name, t1.qty \nFROM t1 \nWHERE t1.name = @p0"),
            Both(statement));
        Assert.Equal(["param_1"], statement.Compile(PostgreSqlDialect.Instance).ParameterNames);
    }

    [Fact]
    public void Operators_build_conditions_and_null_comparisons_become_IS_NULL()
    {
        var statement = Select(T1.C["id"], T1.C["name"])
            .Where((T1.C["qty"] > 5 & T1.C["qty"] <= 10) | !(T1.C["name"] != "x") | T1.C["name"] == null)
            .Where(T1.C["id"] != null)
            .OrderBy(T1.C["name"].Desc(), T1.C["id"])
            .Limit(10).Offset(20);

        Assert.Equal(
            "SELECT t1.id, t1.name \nFROM t1 \nWHERE (t1.qty > $1 AND t1.qty <= $2 OR NOT t1.name <> $3 OR t1.name IS NULL) AND t1.id IS NOT NULL" +
            " ORDER BY t1.name DESC, t1.id \nLIMIT $4 OFFSET $5",
            Both(statement).Postgres);
    }

    [Fact]
    public void Offset_without_limit_needs_a_limit_on_sqlite()
    {
        Assert.Equal("SELECT t1.id, t1.name, t1.qty \nFROM t1 \nLIMIT -1 OFFSET @p0", Both(Select(T1).Offset(5)).Sqlite);
    }

    [Fact]
    public void Insert_takes_its_columns_from_the_callers_keys_or_from_Values()
    {
        var insert = T1.Insert();

        Assert.Equal("INSERT INTO t1 (name) VALUES ($1)", insert.CompileCached(PostgreSqlDialect.Instance, new { name = "a" }).Sql);
        Assert.Equal("INSERT INTO t1 (name, qty) VALUES (@p0, @p1)", insert.CompileCached(SqliteDialect.Instance, new { name = "a", qty = 1 }).Sql);
        Assert.Equal("INSERT INTO t1 (id, name, qty) VALUES ($1, $2, $3)", insert.Compile(PostgreSqlDialect.Instance).Sql);
        Assert.Equal("INSERT INTO t1 (name) VALUES ($1)", T1.Insert().Values(new { name = "b" }).Compile(PostgreSqlDialect.Instance).Sql);
        Assert.Contains("has no column 'nope'", Assert.Throws<ArgumentException>(() => T1.Insert().Values(new { nope = 1 })).Message);
    }

    [Fact]
    public void A_statement_compiles_once_per_dialect()
    {
        var statement = Select(T1).Where(T1.C["id"] == 1);

        Assert.Same(statement.CompileCached(PostgreSqlDialect.Instance, null), statement.CompileCached(PostgreSqlDialect.Instance, null));
        Assert.NotSame(statement.CompileCached(PostgreSqlDialect.Instance, null), statement.CompileCached(SqliteDialect.Instance, null));
    }

    [Fact]
    public void Hostile_values_are_bound_never_written_into_the_sql()
    {
        const string hostile = "x'; DROP TABLE t1; --";
        var statement = Select(T1).Where(T1.C["name"] == hostile);

        Assert.DoesNotContain("DROP", statement.Compile(PostgreSqlDialect.Instance).Sql, StringComparison.Ordinal);
    }

    [Fact]
    public void In_between_like_labels_and_functions_compile()
    {
        var statement = Select(T1.C["name"].Label("who"), Func.Count(), Func.Max(T1.C["qty"]))
            .Where(T1.C["id"].In(1, 2, 3) & T1.C["id"].NotIn([]) & T1.C["qty"].Between(1, 9))
            .Where(T1.C["name"].Like("a%") | T1.C["name"].ILike("B%") | T1.C["name"].StartsWith("50%_off/"));

        Assert.Equal(
            "SELECT t1.name AS who, count(*), max(t1.qty) \nFROM t1 \nWHERE t1.id = ANY($1) AND t1.id <> ALL($2) AND t1.qty BETWEEN $3 AND $4" +
            " AND (t1.name LIKE $5 OR t1.name ILIKE $6 OR t1.name LIKE $7 ESCAPE '/')",
            Both(statement).Postgres);
        Assert.Contains("WHERE t1.id IN (@p0, @p1, @p2) AND 1 = 1 AND t1.qty BETWEEN @p3 AND @p4", Both(statement).Sqlite);
        Assert.Contains("lower(t1.name) LIKE lower(@p6)", Both(statement).Sqlite);
        Assert.Equal("1 != 1", Select(T1).Where(T1.C["id"].In()).Compile(SqliteDialect.Instance).Sql.Split("WHERE ")[1]);
        Assert.Contains("not a function name", Assert.Throws<ArgumentException>(() => Func.Call("drop table x;")).Message);
    }

    [Fact]
    public void Update_and_delete_compile_with_where_and_returning()
    {
        Assert.Equal(("UPDATE t1 SET name = $1 WHERE t1.id = $2 RETURNING t1.id, t1.qty", "UPDATE t1 SET name = @p0 WHERE t1.id = @p1 RETURNING t1.id, t1.qty"),
            Both(T1.Update().Values(new { name = "x" }).Where(T1.C["id"] == 1).Returning(T1.C["id"], T1.C["qty"])));
        Assert.Equal("UPDATE t1 SET qty = $1 WHERE t1.name = $2",
            T1.Update().Where(T1.C["name"] == "n").CompileCached(PostgreSqlDialect.Instance, new { qty = 2 }).Sql);
        Assert.Equal("DELETE FROM t1 WHERE t1.qty < $1 RETURNING t1.id, t1.name, t1.qty", Both(T1.Delete().Where(T1.C["qty"] < 0).Returning()).Postgres);
        Assert.Equal("INSERT INTO t1 (name) VALUES (@p0) RETURNING t1.id", Both(T1.Insert().Values(new { name = "r" }).Returning(T1.C["id"])).Sqlite);
    }

    [Fact]
    public void Joins_infer_their_condition_from_the_one_foreign_key()
    {
        var meta = new MetaData();
        var users = new Table("users", meta, new Column<int>("id", primaryKey: true), new Column<string>("name"));
        var addresses = new Table("addresses", meta, new Column<int>("id", primaryKey: true),
            new Column<int>("user_id", foreignKey: new ForeignKey("users.id")), new Column<string>("email"));
        var notes = new Table("notes", meta, new Column<int>("id", primaryKey: true));

        Assert.Equal("SELECT users.name, addresses.email \nFROM users JOIN addresses ON addresses.user_id = users.id",
            Select(users.C["name"], addresses.C["email"]).Join(addresses).Compile(PostgreSqlDialect.Instance).Sql);
        Assert.Equal(
            "SELECT DISTINCT users.name, count(addresses.id) \nFROM users LEFT OUTER JOIN addresses ON addresses.user_id = users.id" +
            " GROUP BY users.name \nHAVING count(addresses.id) > $1 ORDER BY users.name",
            Select(users.C["name"], Func.Count(addresses.C["id"])).OuterJoin(addresses).GroupBy(users.C["name"])
                .Having(Func.Count(addresses.C["id"]) > 1).Distinct().OrderBy(users.C["name"]).Compile(PostgreSqlDialect.Instance).Sql);
        Assert.Equal("SELECT users.id \nFROM users FULL OUTER JOIN notes ON notes.id = users.id",
            Select(users.C["id"]).FullJoin(notes, notes.C["id"] == users.C["id"]).Compile(PostgreSqlDialect.Instance).Sql);
        Assert.Contains("No foreign key links 'notes'", Assert.Throws<ArgumentException>(() => Select(users).Join(notes)).Message);
        Assert.Contains("nothing to join 'users' to", Assert.Throws<ArgumentException>(() => Select(users).Join(users)).Message);
        Assert.Contains("already joined", Assert.Throws<ArgumentException>(() => Select(users).Join(addresses).Join(addresses)).Message);
    }

    [Fact]
    public void Operands_that_bind_looser_than_their_operator_are_parenthesized()
    {
        var a = T1.C["id"];
        var b = T1.C["qty"];

        string Where(ColumnElement condition) => Select(a).Where(condition).Compile(PostgreSqlDialect.Instance).Sql.Split("WHERE ")[1];

        Assert.Equal("(t1.id = $1) = (t1.qty = $2)", Where((a == 1) == (b == 2)));
        Assert.Equal("(t1.id = $1 OR t1.qty = $2) = $3", Where((a == 1 | b == 0) == false));
        Assert.Equal("(t1.id = $1) IS NULL", Where((a == 1).IsNull()));
        Assert.Equal("(NOT t1.id = $1) IS NULL", Where((!(a == 1)).IsNull()));
        Assert.Equal("NOT (t1.id = $1 AND t1.qty = $2)", Where(!(a == 1 & b == 2)));
        Assert.Equal("(t1.id = $1 OR t1.qty = $2) AND t1.id > $3", Where((a == 1 | b == 2) & a > 3));
        Assert.Equal("t1.id = $1 AND NOT t1.qty = ANY($2)", Where(a == 1 & !b.In(2)));
    }

    [Fact]
    public void A_callers_parameter_never_shares_a_slot_with_a_value_of_the_statement()
    {
        var table = new Table("odd", new MetaData(), new Column<int>("id", primaryKey: true), new Column<string>("param_1"), new Column<string>("first name"));
        var update = table.Update().Where(table.C["id"] == 5);

        var compiled = update.CompileCached(PostgreSqlDialect.Instance, new { param_1 = "x" });
        Assert.Equal("UPDATE odd SET param_1 = $1 WHERE odd.id = $2", compiled.Sql);
        Assert.Equal(["param_1", "param_2"], compiled.ParameterNames);
        var sqlite = table.Insert().CompileCached(SqliteDialect.Instance, new Dictionary<string, object?> { ["first name"] = "a", ["param_1"] = "b" });
        Assert.Equal("INSERT INTO odd (\"first name\", param_1) VALUES (@p0, @p1)", sqlite.Sql);
    }

    [Fact]
    public void Select_needs_something_to_select_from()
    {
        Assert.Throws<ArgumentException>(() => Select());
        Assert.Contains("not String", Assert.Throws<ArgumentException>(() => Select("t1")).Message);
    }
}
