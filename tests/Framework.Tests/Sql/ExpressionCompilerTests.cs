using Framework.Dialects.PostgreSql;
using Framework.Dialects.Sqlite;
using Framework.Sql;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Sql;

/// <summary>Golden SQL, on both dialects and with no database, for every construct of the expression language.</summary>
public class ExpressionCompilerTests
{
    private static readonly Dialect Postgres = PostgreSqlDialect.Instance;
    private static readonly Dialect Sqlite = SqliteDialect.Instance;
    private static readonly MetaData Meta = new();
#pragma warning disable IDE1006 // the tables read as they would in user code
    private static readonly Table users = new("users", Meta, new Column<int>("id", primaryKey: true), new Column<string>("name"),
        new Column<int?>("parent_id", foreignKey: new ForeignKey("users.id")));
    private static readonly Table addresses = new("addresses", Meta, new Column<int>("id", primaryKey: true),
        new Column<int>("user_id", foreignKey: new ForeignKey("users.id")), new Column<string>("email"), new Column<int>("qty"));
    private static readonly Table defaults = new("d", Meta, new Column<int>("id", primaryKey: true),
        new Column<Guid>("token", defaultFactory: Guid.NewGuid), new Column<string>("status", defaultValue: "new"));
    private static readonly Alias u2 = users.Alias("u2");
    private static readonly Subquery sub = Select(addresses.C["user_id"], Func.Count().Label("n")).GroupBy(addresses.C["user_id"]).Subquery("counts");
    private static readonly Cte cte = Select(addresses.C["user_id"], Func.Sum(addresses.C["qty"]).Label("total")).GroupBy(addresses.C["user_id"]).Cte("totals");
    private static readonly Cte anchor = Select(users.C["id"], users.C["parent_id"], Literal(0).Label("depth")).Where(users.C["id"] == 1).Cte("tree", recursive: true);
    private static readonly Cte tree = anchor.UnionAll(Select(users.C["id"], users.C["parent_id"], (anchor.C["depth"] + 1).Label("depth"))
        .Join(anchor, users.C["parent_id"] == anchor.C["id"]));
    private static readonly Select a = Select(users.C["name"]).Where(users.C["id"] < 3);
    private static readonly Select b = Select(addresses.C["email"]).Where(addresses.C["qty"] > 1);
    private static readonly Insert ins = users.Insert().Values(new { id = 1, name = "a" });
    private static readonly Subquery ts = Text("select id, name from users where id > :min").Columns(new Column<int>("id"), new Column<string>("name")).Subquery("t");
#pragma warning restore IDE1006

    private static string Sql(Executable statement, Dialect dialect) => statement.Compile(dialect).Sql;

    // The parameters as PostgreSQL binds them: name=value for the statement's own values, the bare name for the caller's.
    private static string Params(Executable statement)
    {
        var compiled = statement.Compile(Postgres);
        return string.Join(", ", compiled.ParameterNames.Select(n => compiled.Parameters.TryGetValue(n, out var v) ? $"{n}={v}" : n));
    }

    [Fact]
    public void Alias_self_join_compiles()
    {
        var statement = Select(users.C["name"], u2.C["name"].Label("parent")).Join(u2, users.C["parent_id"] == u2.C["id"]);

        Assert.Equal("SELECT users.name, u2.name AS parent \nFROM users JOIN users AS u2 ON users.parent_id = u2.id", Sql(statement, Postgres));
        Assert.Equal("SELECT users.name, u2.name AS parent \nFROM users JOIN users AS u2 ON users.parent_id = u2.id", Sql(statement, Sqlite));
    }

    [Fact]
    public void Alias_FK_join_compiles()
    {
        var statement = Select(users.C["name"], u2.C["name"]).Join(u2);

        Assert.Equal("SELECT users.name, u2.name \nFROM users JOIN users AS u2 ON u2.parent_id = users.id", Sql(statement, Postgres));
        Assert.Equal("SELECT users.name, u2.name \nFROM users JOIN users AS u2 ON u2.parent_id = users.id", Sql(statement, Sqlite));
    }

    [Fact]
    public void Subquery_compiles()
    {
        var statement = Select(users.C["name"], sub.C["n"]).Join(sub, sub.C["user_id"] == users.C["id"]).Where(sub.C["n"] > 1);

        Assert.Equal("SELECT users.name, counts.n \nFROM users JOIN (SELECT addresses.user_id, count(*) AS n \nFROM addresses GROUP BY addresses.user_id) AS counts ON counts.user_id = users.id \nWHERE counts.n > $1", Sql(statement, Postgres));
        Assert.Equal("SELECT users.name, counts.n \nFROM users JOIN (SELECT addresses.user_id, count(*) AS n \nFROM addresses GROUP BY addresses.user_id) AS counts ON counts.user_id = users.id \nWHERE counts.n > @p0", Sql(statement, Sqlite));
        Assert.Equal("param_1=1", Params(statement));
    }

    [Fact]
    public void Scalar_subquery_compiles()
    {
        var statement = Select(users.C["name"], Select(Func.Count()).SelectFrom(addresses).Where(addresses.C["user_id"] == users.C["id"]).ScalarSubquery().Label("n"));

        Assert.Equal("SELECT users.name, (SELECT count(*) \nFROM addresses \nWHERE addresses.user_id = users.id) AS n \nFROM users", Sql(statement, Postgres));
        Assert.Equal("SELECT users.name, (SELECT count(*) \nFROM addresses \nWHERE addresses.user_id = users.id) AS n \nFROM users", Sql(statement, Sqlite));
    }

    [Fact]
    public void Exists_compiles()
    {
        var statement = Select(users.C["name"]).Where(Exists(Select(addresses.C["id"]).Where(addresses.C["user_id"] == users.C["id"] & addresses.C["email"].EndsWith("@x"))));

        Assert.Equal("SELECT users.name \nFROM users \nWHERE EXISTS (SELECT addresses.id \nFROM addresses \nWHERE addresses.user_id = users.id AND addresses.email LIKE $1 ESCAPE '/')", Sql(statement, Postgres));
        Assert.Equal("SELECT users.name \nFROM users \nWHERE EXISTS (SELECT addresses.id \nFROM addresses \nWHERE addresses.user_id = users.id AND addresses.email LIKE @p0 ESCAPE '/')", Sql(statement, Sqlite));
        Assert.Equal("param_1=%@x", Params(statement));
    }

    [Fact]
    public void Not_exists_compiles()
    {
        var statement = Select(users.C["name"]).Where(!Select(addresses.C["id"]).Where(addresses.C["user_id"] == users.C["id"]).Exists());

        Assert.Equal("SELECT users.name \nFROM users \nWHERE NOT EXISTS (SELECT addresses.id \nFROM addresses \nWHERE addresses.user_id = users.id)", Sql(statement, Postgres));
        Assert.Equal("SELECT users.name \nFROM users \nWHERE NOT EXISTS (SELECT addresses.id \nFROM addresses \nWHERE addresses.user_id = users.id)", Sql(statement, Sqlite));
    }

    [Fact]
    public void In_select_compiles()
    {
        var statement = Select(users.C["name"]).Where(users.C["id"].In(Select(addresses.C["user_id"]).Where(addresses.C["qty"] > 5)));

        Assert.Equal("SELECT users.name \nFROM users \nWHERE users.id IN (SELECT addresses.user_id \nFROM addresses \nWHERE addresses.qty > $1)", Sql(statement, Postgres));
        Assert.Equal("SELECT users.name \nFROM users \nWHERE users.id IN (SELECT addresses.user_id \nFROM addresses \nWHERE addresses.qty > @p0)", Sql(statement, Sqlite));
        Assert.Equal("param_1=5", Params(statement));
    }

    [Fact]
    public void Cte_compiles()
    {
        var statement = Select(users.C["name"], cte.C["total"]).Join(cte, cte.C["user_id"] == users.C["id"]);

        Assert.Equal("WITH totals AS \n(SELECT addresses.user_id, sum(addresses.qty) AS total \nFROM addresses GROUP BY addresses.user_id) \nSELECT users.name, totals.total \nFROM users JOIN totals ON totals.user_id = users.id", Sql(statement, Postgres));
        Assert.Equal("WITH totals AS \n(SELECT addresses.user_id, sum(addresses.qty) AS total \nFROM addresses GROUP BY addresses.user_id) \nSELECT users.name, totals.total \nFROM users JOIN totals ON totals.user_id = users.id", Sql(statement, Sqlite));
    }

    [Fact]
    public void Recursive_cte_compiles()
    {
        var statement = Select(tree.C["id"], tree.C["depth"]).OrderBy(tree.C["depth"]);

        Assert.Equal("WITH RECURSIVE tree AS \n(SELECT users.id, users.parent_id, $1 AS depth \nFROM users \nWHERE users.id = $2 UNION ALL SELECT users.id, users.parent_id, tree.depth + $3 AS depth \nFROM users JOIN tree ON users.parent_id = tree.id) \nSELECT tree.id, tree.depth \nFROM tree ORDER BY tree.depth", Sql(statement, Postgres));
        Assert.Equal("WITH RECURSIVE tree AS \n(SELECT users.id, users.parent_id, @p0 AS depth \nFROM users \nWHERE users.id = @p1 UNION ALL SELECT users.id, users.parent_id, tree.depth + @p2 AS depth \nFROM users JOIN tree ON users.parent_id = tree.id) \nSELECT tree.id, tree.depth \nFROM tree ORDER BY tree.depth", Sql(statement, Sqlite));
        Assert.Equal("param_1=0, param_2=1, param_3=1", Params(statement));
    }

    [Fact]
    public void Union_compiles()
    {
        var statement = a.Union(b).OrderBy(users.C["name"]).Limit(5);

        Assert.Equal("SELECT users.name \nFROM users \nWHERE users.id < $1 UNION SELECT addresses.email \nFROM addresses \nWHERE addresses.qty > $2 ORDER BY name \nLIMIT $3", Sql(statement, Postgres));
        Assert.Equal("SELECT users.name \nFROM users \nWHERE users.id < @p0 UNION SELECT addresses.email \nFROM addresses \nWHERE addresses.qty > @p1 ORDER BY name \nLIMIT @p2", Sql(statement, Sqlite));
        Assert.Equal("param_1=3, param_2=1, param_3=5", Params(statement));
    }

    [Fact]
    public void Union_all_compiles()
    {
        var statement = a.UnionAll(b);

        Assert.Equal("SELECT users.name \nFROM users \nWHERE users.id < $1 UNION ALL SELECT addresses.email \nFROM addresses \nWHERE addresses.qty > $2", Sql(statement, Postgres));
        Assert.Equal("SELECT users.name \nFROM users \nWHERE users.id < @p0 UNION ALL SELECT addresses.email \nFROM addresses \nWHERE addresses.qty > @p1", Sql(statement, Sqlite));
        Assert.Equal("param_1=3, param_2=1", Params(statement));
    }

    [Fact]
    public void Intersect_except_compiles()
    {
        var statement = a.Intersect(b.Limit(2)).Except(Select(users.C["name"]));

        Assert.Equal("(SELECT users.name \nFROM users \nWHERE users.id < $1 INTERSECT (SELECT addresses.email \nFROM addresses \nWHERE addresses.qty > $2 \nLIMIT $3)) EXCEPT SELECT users.name \nFROM users", Sql(statement, Postgres));
        Assert.Equal("SELECT * FROM (SELECT users.name \nFROM users \nWHERE users.id < @p0 INTERSECT SELECT * FROM (SELECT addresses.email \nFROM addresses \nWHERE addresses.qty > @p1 \nLIMIT @p2)) EXCEPT SELECT users.name \nFROM users", Sql(statement, Sqlite));
        Assert.Equal("param_1=3, param_2=1, param_3=2", Params(statement));
    }

    [Fact]
    public void For_update_compiles()
    {
        var statement = Select(users).Where(users.C["id"] == 1).ForUpdate();

        Assert.Equal("SELECT users.id, users.name, users.parent_id \nFROM users \nWHERE users.id = $1 FOR UPDATE", Sql(statement, Postgres));
        Assert.Equal("SELECT users.id, users.name, users.parent_id \nFROM users \nWHERE users.id = @p0", Sql(statement, Sqlite));
        Assert.Equal("param_1=1", Params(statement));
    }

    [Fact]
    public void For_update_skip_locked_compiles()
    {
        var statement = Select(users).ForUpdate(skipLocked: true);

        Assert.Equal("SELECT users.id, users.name, users.parent_id \nFROM users FOR UPDATE SKIP LOCKED", Sql(statement, Postgres));
        Assert.Contains("SQLite has no row locks, so FOR UPDATE SKIP LOCKED cannot be honoured", Assert.Throws<NotSupportedException>(() => Sql(statement, Sqlite)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_share_nowait_compiles()
    {
        var statement = Select(users).ForUpdate(noWait: true, read: true);

        Assert.Equal("SELECT users.id, users.name, users.parent_id \nFROM users FOR SHARE NOWAIT", Sql(statement, Postgres));
        Assert.Contains("SQLite has no row locks, so FOR SHARE NOWAIT cannot be honoured", Assert.Throws<NotSupportedException>(() => Sql(statement, Sqlite)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nulls_compiles()
    {
        var statement = Select(users).OrderBy(users.C["parent_id"].Desc().NullsLast(), users.C["name"].NullsFirst());

        Assert.Equal("SELECT users.id, users.name, users.parent_id \nFROM users ORDER BY users.parent_id DESC NULLS LAST, users.name ASC NULLS FIRST", Sql(statement, Postgres));
        Assert.Equal("SELECT users.id, users.name, users.parent_id \nFROM users ORDER BY users.parent_id DESC NULLS LAST, users.name ASC NULLS FIRST", Sql(statement, Sqlite));
    }

    [Fact]
    public void Arith_compiles()
    {
        var statement = Select((addresses.C["qty"] * 2 + 1).Label("x"), (10 - addresses.C["qty"]) / addresses.C["id"] % 3, -addresses.C["qty"]);

        Assert.Equal("SELECT addresses.qty * $1 + $2 AS x, (($3 - addresses.qty) / addresses.id) % $4, -addresses.qty \nFROM addresses", Sql(statement, Postgres));
        Assert.Equal("SELECT addresses.qty * @p0 + @p1 AS x, ((@p2 - addresses.qty) / addresses.id) % @p3, -addresses.qty \nFROM addresses", Sql(statement, Sqlite));
        Assert.Equal("param_1=2, param_2=1, param_3=10, param_4=3", Params(statement));
    }

    [Fact]
    public void Concat_compiles()
    {
        var statement = Select((users.C["name"] + "!").Label("n"), Concat(users.C["name"], " <", addresses.C["email"], ">")).Join(addresses);

        Assert.Equal("SELECT users.name || $1 AS n, ((users.name || $2) || addresses.email) || $3 \nFROM users JOIN addresses ON addresses.user_id = users.id", Sql(statement, Postgres));
        Assert.Equal("SELECT users.name || @p0 AS n, ((users.name || @p1) || addresses.email) || @p2 \nFROM users JOIN addresses ON addresses.user_id = users.id", Sql(statement, Sqlite));
        Assert.Equal("param_1=!, param_2= <, param_3=>", Params(statement));
    }

    [Fact]
    public void Case_compiles()
    {
        var statement = Select(Case([(addresses.C["qty"] > 10, "big"), (addresses.C["qty"] > 5, "mid")], otherwise: "small").Label("size"));

        Assert.Equal("SELECT CASE WHEN addresses.qty > $1 THEN $2 WHEN addresses.qty > $3 THEN $4 ELSE $5 END AS size \nFROM addresses", Sql(statement, Postgres));
        Assert.Equal("SELECT CASE WHEN addresses.qty > @p0 THEN @p1 WHEN addresses.qty > @p2 THEN @p3 ELSE @p4 END AS size \nFROM addresses", Sql(statement, Sqlite));
        Assert.Equal("param_1=10, param_2=big, param_3=5, param_4=mid, param_5=small", Params(statement));
    }

    [Fact]
    public void Cast_coalesce_compiles()
    {
        var statement = Select(Cast(addresses.C["qty"], SqlType.String(20)), Func.Coalesce(users.C["parent_id"], 0));

        Assert.Equal("SELECT CAST(addresses.qty AS VARCHAR(20)), coalesce(users.parent_id, $1) \nFROM addresses, users", Sql(statement, Postgres));
        Assert.Equal("SELECT CAST(addresses.qty AS VARCHAR(20)), coalesce(users.parent_id, @p0) \nFROM addresses, users", Sql(statement, Sqlite));
        Assert.Equal("param_1=0", Params(statement));
    }

    [Fact]
    public void Window_compiles()
    {
        var statement = Select(addresses.C["email"], Func.RowNumber().Over(partitionBy: [addresses.C["user_id"]], orderBy: [addresses.C["qty"].Desc()]).Label("rn"), Func.Sum(addresses.C["qty"]).Over());

        Assert.Equal("SELECT addresses.email, row_number() OVER (PARTITION BY addresses.user_id ORDER BY addresses.qty DESC) AS rn, sum(addresses.qty) OVER () \nFROM addresses", Sql(statement, Postgres));
        Assert.Equal("SELECT addresses.email, row_number() OVER (PARTITION BY addresses.user_id ORDER BY addresses.qty DESC) AS rn, sum(addresses.qty) OVER () \nFROM addresses", Sql(statement, Sqlite));
    }

    [Fact]
    public void Literals_compiles()
    {
        var statement = Select(Literal(1).Label("one"), LiteralColumn("CURRENT_DATE"), Null().Label("nothing")).SelectFrom(users);

        Assert.Equal("SELECT $1 AS one, CURRENT_DATE, NULL AS \"nothing\" \nFROM users", Sql(statement, Postgres));
        Assert.Equal("SELECT @p0 AS one, CURRENT_DATE, NULL AS \"nothing\" \nFROM users", Sql(statement, Sqlite));
        Assert.Equal("param_1=1", Params(statement));
    }

    [Fact]
    public void Bindparam_compiles()
    {
        var statement = Select(users).Where(users.C["name"] == BindParam("who")).Where(users.C["id"] > BindParam("min", 5));

        Assert.Equal("SELECT users.id, users.name, users.parent_id \nFROM users \nWHERE users.name = $1 AND users.id > $2", Sql(statement, Postgres));
        Assert.Equal("SELECT users.id, users.name, users.parent_id \nFROM users \nWHERE users.name = @p0 AND users.id > @p1", Sql(statement, Sqlite));
        Assert.Equal("who, min=5", Params(statement));
    }

    [Fact]
    public void Now_compiles()
    {
        var statement = Select(Func.Now()).SelectFrom(users);

        Assert.Equal("SELECT now() \nFROM users", Sql(statement, Postgres));
        Assert.Equal("SELECT CURRENT_TIMESTAMP \nFROM users", Sql(statement, Sqlite));
    }

    [Fact]
    public void Multi_values_compiles()
    {
        var statement = users.Insert().Values(new[] { new { id = 1, name = "a" }, new { id = 2, name = "b" } });

        Assert.Equal("INSERT INTO users (id, name) VALUES ($1, $2), ($3, $4)", Sql(statement, Postgres));
        Assert.Equal("INSERT INTO users (id, name) VALUES (@p0, @p1), (@p2, @p3)", Sql(statement, Sqlite));
        Assert.Equal("param_1=1, param_2=a, param_3=2, param_4=b", Params(statement));
    }

    [Fact]
    public void From_select_compiles()
    {
        var statement = addresses.Insert().FromSelect(["user_id", "email"], Select(users.C["id"], users.C["name"] + "@x").Where(users.C["id"] > 1));

        Assert.Equal("INSERT INTO addresses (user_id, email) SELECT users.id, users.name || $1 \nFROM users \nWHERE users.id > $2", Sql(statement, Postgres));
        Assert.Equal("INSERT INTO addresses (user_id, email) SELECT users.id, users.name || @p0 \nFROM users \nWHERE users.id > @p1", Sql(statement, Sqlite));
        Assert.Equal("param_1=@x, param_2=1", Params(statement));
    }

    [Fact]
    public void Do_nothing_compiles()
    {
        var statement = ins.OnConflictDoNothing(users.C["id"]);

        Assert.Equal("INSERT INTO users (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING", Sql(statement, Postgres));
        Assert.Equal("INSERT INTO users (id, name) VALUES (@p0, @p1) ON CONFLICT (id) DO NOTHING", Sql(statement, Sqlite));
        Assert.Equal("param_1=1, param_2=a", Params(statement));
    }

    [Fact]
    public void Do_nothing_bare_compiles()
    {
        var statement = ins.OnConflictDoNothing();

        Assert.Equal("INSERT INTO users (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING", Sql(statement, Postgres));
        Assert.Equal("INSERT INTO users (id, name) VALUES (@p0, @p1) ON CONFLICT DO NOTHING", Sql(statement, Sqlite));
        Assert.Equal("param_1=1, param_2=a", Params(statement));
    }

    [Fact]
    public void Do_update_compiles()
    {
        var statement = ins.OnConflictDoUpdate([users.C["id"]], new { name = ins.Excluded.C["name"] + users.C["name"] }, where: users.C["name"] != "keep");

        Assert.Equal("INSERT INTO users (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = excluded.name || users.name WHERE users.name <> $3", Sql(statement, Postgres));
        Assert.Equal("INSERT INTO users (id, name) VALUES (@p0, @p1) ON CONFLICT (id) DO UPDATE SET name = excluded.name || users.name WHERE users.name <> @p2", Sql(statement, Sqlite));
        Assert.Equal("param_1=1, param_2=a, param_3=keep", Params(statement));
    }

    [Fact]
    public void Update_expr_compiles()
    {
        var statement = addresses.Update().Values(new { qty = addresses.C["qty"] + 1 }).Where(addresses.C["id"] == 3);

        Assert.Equal("UPDATE addresses SET qty = addresses.qty + $1 WHERE addresses.id = $2", Sql(statement, Postgres));
        Assert.Equal("UPDATE addresses SET qty = addresses.qty + @p0 WHERE addresses.id = @p1", Sql(statement, Sqlite));
        Assert.Equal("param_1=1, param_2=3", Params(statement));
    }

    [Fact]
    public void Update_from_compiles()
    {
        var statement = addresses.Update().Values(new { email = users.C["name"] }).Where(addresses.C["user_id"] == users.C["id"]).Where(users.C["name"] == "x");

        Assert.Equal("UPDATE addresses SET email = users.name FROM users WHERE addresses.user_id = users.id AND users.name = $1", Sql(statement, Postgres));
        Assert.Equal("UPDATE addresses SET email = users.name FROM users WHERE addresses.user_id = users.id AND users.name = @p0", Sql(statement, Sqlite));
        Assert.Equal("param_1=x", Params(statement));
    }

    [Fact]
    public void Delete_using_compiles()
    {
        var statement = addresses.Delete().Where(addresses.C["user_id"] == users.C["id"]).Where(users.C["name"] == "x");

        Assert.Equal("DELETE FROM addresses USING users WHERE addresses.user_id = users.id AND users.name = $1", Sql(statement, Postgres));
        Assert.Contains("SQLite has no DELETE … USING", Assert.Throws<NotSupportedException>(() => Sql(statement, Sqlite)).Message, StringComparison.Ordinal);
        Assert.Equal("param_1=x", Params(statement));
    }

    [Fact]
    public void Delete_in_compiles()
    {
        var statement = addresses.Delete().Where(addresses.C["user_id"].In(Select(users.C["id"]).Where(users.C["name"] == "x")));

        Assert.Equal("DELETE FROM addresses WHERE addresses.user_id IN (SELECT users.id \nFROM users \nWHERE users.name = $1)", Sql(statement, Postgres));
        Assert.Equal("DELETE FROM addresses WHERE addresses.user_id IN (SELECT users.id \nFROM users \nWHERE users.name = @p0)", Sql(statement, Sqlite));
        Assert.Equal("param_1=x", Params(statement));
    }

    [Fact]
    public void Update_correlated_compiles()
    {
        var statement = users.Update().Values(new { name = Select(addresses.C["email"]).Where(addresses.C["user_id"] == users.C["id"]).Limit(1).ScalarSubquery() });

        Assert.Equal("UPDATE users SET name = (SELECT addresses.email \nFROM addresses \nWHERE addresses.user_id = users.id \nLIMIT $1)", Sql(statement, Postgres));
        Assert.Equal("UPDATE users SET name = (SELECT addresses.email \nFROM addresses \nWHERE addresses.user_id = users.id \nLIMIT @p0)", Sql(statement, Sqlite));
    }

    [Fact]
    public void Textual_compiles()
    {
        var statement = Text("select id, name from users where id > :min").Columns(new Column<int>("id"), new Column<string>("name"));

        Assert.Equal("select id, name from users where id > $1", Sql(statement, Postgres));
        Assert.Equal("select id, name from users where id > @p0", Sql(statement, Sqlite));
        Assert.Equal("min", Params(statement));
    }

    [Fact]
    public void Textual_sub_compiles()
    {
        var statement = Select(ts.C["name"]).Where(ts.C["id"] < 10);

        Assert.Equal("SELECT t.name \nFROM (select id, name from users where id > $1) AS t \nWHERE t.id < $2", Sql(statement, Postgres));
        Assert.Equal("SELECT t.name \nFROM (select id, name from users where id > @p0) AS t \nWHERE t.id < @p1", Sql(statement, Sqlite));
        Assert.Equal("min, param_1=10", Params(statement));
    }

    [Fact]
    public void Defaults_compiles()
    {
        var statement = defaults.Insert().Values(new { id = 1 });

        Assert.Equal("INSERT INTO d (id, token, status) VALUES ($1, $2, $3)", Sql(statement, Postgres));
        Assert.Equal("INSERT INTO d (id, token, status) VALUES (@p0, @p1, @p2)", Sql(statement, Sqlite));
        Assert.Equal("param_1=1, token, status", Params(statement));
    }

    [Fact]
    public void Statements_of_one_shape_compile_once_and_keep_their_own_values()
    {
        var meta = new MetaData();
        var t = new Table("shape_t", meta, new Column<int>("id", primaryKey: true), new Column<string>("name"));
        var dialect = new PostgreSqlDialect();
        Select Build(int id, string name) => Select(t).Where(t.C["id"] == id & t.C["name"] != name);

        var first = Build(1, "a").Compile(dialect);
        var before = dialect.CompileCount;
        var second = Build(2, "b").Compile(dialect);

        Assert.Equal(before, dialect.CompileCount);
        Assert.Equal(first.Sql, second.Sql);
        Assert.Equal(new Dictionary<string, object?> { ["param_1"] = 1, ["param_2"] = "a" }, first.Parameters);
        Assert.Equal(new Dictionary<string, object?> { ["param_1"] = 2, ["param_2"] = "b" }, second.Parameters);
        Assert.Same(Build(3, "c").CompileCached(dialect, null), Build(4, "d").CompileCached(dialect, null));
    }

    [Fact]
    public void In_takes_a_collection_as_its_list_and_pads_it_to_a_size_class_on_SQLite()
    {
        var three = Select(users.C["name"]).Where(users.C["id"].In(new[] { 4, 5, 6 }));
        var nine = Select(users.C["name"]).Where(users.C["id"].NotIn(new List<int> { 1, 2, 3, 4, 5, 6, 7, 8, 9 }));

        Assert.Equal("SELECT users.name \nFROM users \nWHERE users.id IN (@p0, @p1, @p2)", Sql(three, Sqlite));
        Assert.Equal(new Dictionary<string, object?> { ["param_1_1"] = 4, ["param_1_2"] = 5, ["param_1_3"] = 6 }, three.Compile(Sqlite).Parameters);
        // Nine values take the ten parameters of their size class; the last value fills the spare one.
        Assert.Equal("SELECT users.name \nFROM users \nWHERE users.id NOT IN (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9)", Sql(nine, Sqlite));
        Assert.Equal(9, nine.Compile(Sqlite).Parameters["param_1_10"]);
        Assert.Equal(9, nine.Compile(Sqlite).Parameters["param_1_9"]);
    }

    [Fact]
    public void In_over_values_is_one_array_parameter_on_PostgreSQL()
    {
        var three = Select(users.C["name"]).Where(users.C["id"].In(new[] { 4, 5, 6 }));
        var nine = Select(users.C["name"]).Where(users.C["id"].NotIn(new List<int> { 1, 2, 3, 4, 5, 6, 7, 8, 9 }));
        var listed = Select(users.C["name"]).Where(users.C["id"].In(1, 2) & users.C["name"].In("a", "b", "c"));
        var none = Select(users.C["name"]).Where(users.C["id"].In() | users.C["id"].NotIn([]));

        Assert.Equal("SELECT users.name \nFROM users \nWHERE users.id = ANY($1)", Sql(three, Postgres));
        Assert.Equal("param_1=System.Int32[]", Params(three));
        Assert.Equal([4, 5, 6], (int[])three.Compile(Postgres).Parameters["param_1"]!);
        Assert.Equal("SELECT users.name \nFROM users \nWHERE users.id <> ALL($1)", Sql(nine, Postgres));
        Assert.Equal(9, ((int[])nine.Compile(Postgres).Parameters["param_1"]!).Length);
        // A string list is cast as PostgreSQL's other string arrays are (text[] has no operators with varchar[]).
        Assert.Equal("users.id = ANY($1) AND users.name = ANY($2::VARCHAR[])", Sql(listed, Postgres).Split("WHERE ")[1]);
        Assert.Equal(["a", "b", "c"], (string[])listed.Compile(Postgres).Parameters["param_2"]!);
        // An empty list is an empty array: ANY over it is false and ALL true, as IN () and NOT IN () are elsewhere.
        Assert.Equal("users.id = ANY($1) OR users.id <> ALL($2)", Sql(none, Postgres).Split("WHERE ")[1]);
        Assert.Empty((int[])none.Compile(Postgres).Parameters["param_1"]!);
    }

    [Fact]
    public void In_size_classes_grow_by_quarters_of_a_power_of_two()
    {
        int[] counts = [0, 1, 8, 9, 10, 11, 16, 17, 21, 33, 100, 1000, 1025];
        Assert.Equal([0, 1, 8, 10, 10, 12, 16, 20, 24, 40, 112, 1024, 1280], counts.Select(ListParameter.Bucket));
    }

    [Fact]
    public void Lists_of_one_size_class_share_a_compiled_statement_and_other_classes_do_not_on_SQLite()
    {
        var dialect = new SqliteDialect();
        Select(users).Where(users.C["id"].In(Enumerable.Range(1, 9))).Compile(dialect);
        var count = dialect.CompileCount;

        var ten = Select(users).Where(users.C["id"].In(Enumerable.Range(50, 10))).Compile(dialect);
        Assert.Equal(count, dialect.CompileCount);
        Assert.Equal(59, ten.Parameters["param_1_10"]);

        Select(users).Where(users.C["id"].In(Enumerable.Range(1, 11))).Compile(dialect);
        Assert.Equal(count + 1, dialect.CompileCount);
    }

    [Fact]
    public void Lists_of_any_length_share_one_compiled_statement_on_PostgreSQL()
    {
        var dialect = new PostgreSqlDialect();
        var first = Select(users).Where(users.C["id"].In(Enumerable.Range(1, 3))).Compile(dialect);
        var count = dialect.CompileCount;

        var many = Select(users).Where(users.C["id"].In(Enumerable.Range(1, 700))).Compile(dialect);
        var listed = Select(users).Where(users.C["id"].In(7, 8)).Compile(dialect);
        var none = Select(users).Where(users.C["id"].In()).Compile(dialect);
        var named = Select(users).Where(users.C["id"].In(BindParam("ids")));
        var byName = named.CompileCached(dialect, new { ids = new[] { 1, 2 } });

        // The list passed by name is a statement of its own shape: one more compilation, for every length.
        Assert.Equal(count + 1, dialect.CompileCount);
        Assert.Equal(first.Sql, many.Sql);
        Assert.Equal(first.Sql, listed.Sql);
        Assert.Equal(first.Sql, none.Sql);
        Assert.Same(byName, named.CompileCached(dialect, new { ids = Enumerable.Range(0, 40).ToArray() }));
        Assert.Equal(700, ((int[])many.Parameters["param_1"]!).Length);
        Assert.Equal(["ids"], byName.ParameterNames);
    }

    [Fact]
    public void A_list_passed_by_name_is_expanded_when_the_statement_runs()
    {
        var statement = Select(users.C["name"]).Where(users.C["id"].In(BindParam("ids")) & users.C["name"] != BindParam("name"));
        var dialect = new SqliteDialect();

        var two = statement.CompileCached(dialect, new { ids = new[] { 1, 2 }, name = "x" });
        var none = statement.CompileCached(dialect, new { ids = Array.Empty<int>(), name = "x" });
        var twoAgain = Select(users.C["name"]).Where(users.C["id"].In(BindParam("ids")) & users.C["name"] != BindParam("name"))
            .CompileCached(dialect, new Dictionary<string, object?> { ["ids"] = new List<int> { 7, 8 }, ["name"] = "y" });

        Assert.Equal("SELECT users.name \nFROM users \nWHERE users.id IN (@p0, @p1) AND users.name <> @p2", two.Sql);
        Assert.Equal(["ids_1", "ids_2", "name"], two.ParameterNames);
        Assert.Equal("SELECT users.name \nFROM users \nWHERE 1 != 1 AND users.name <> @p0", none.Sql);
        Assert.Same(two, twoAgain);
    }

    [Fact]
    public void A_list_parameter_refuses_what_is_not_a_list_and_lists_over_the_dialect_limit()
    {
        var statement = Select(users).Where(users.C["id"].In(BindParam("ids")));

        var notAList = Assert.Throws<ArgumentException>(() => statement.CompileCached(Sqlite, new { ids = 5 }));
        var missing = Assert.Throws<ArgumentException>(() => statement.CompileCached(Sqlite, new { other = 5 }));
        var tooMany = Assert.Throws<ArgumentException>(() => Select(users).Where(users.C["id"].In(Enumerable.Range(0, 40000))).Compile(new SqliteDialect()));

        Assert.Contains("'ids' is the list of an IN, but was given an Int32: pass an array or list", notAList.Message);
        Assert.Contains("A list is required for parameter 'ids'", missing.Message);
        Assert.Contains("An IN list of 40000 values is more than the 32766 parameters sqlite takes", tooMany.Message);
    }

    [Fact]
    public void A_string_or_bytes_given_to_In_is_one_value_and_values_mixed_with_expressions_bind_one_by_one()
    {
        Assert.Equal("users.name IN (@p0)", Sql(Select(users).Where(users.C["name"].In("abc")), Sqlite).Split("WHERE ")[1]);
        Assert.Equal(["abc"], (string[])Select(users).Where(users.C["name"].In("abc")).Compile(Postgres).Parameters["param_1"]!);
        Assert.Equal("users.id IN ($1, users.parent_id)", Sql(Select(users).Where(users.C["id"].In(3, users.C["parent_id"])), Postgres).Split("WHERE ")[1]);
    }

    [Fact]
    public void A_different_shape_compiles_anew()
    {
        var t = new Table("shape_u", new MetaData(), new Column<int>("id", primaryKey: true), new Column<string>("name"));
        var dialect = new SqliteDialect();

        Select(t).Where(t.C["id"].In(1, 2)).Compile(dialect);
        var count = dialect.CompileCount;
        Select(t).Where(t.C["id"].In(1, 2, 3)).Compile(dialect);
        Select(t).Where(t.C["id"] == 1).Limit(5).Compile(dialect);
        Select(t).Where(t.C["id"] == 1).Limit(6).Offset(20).Compile(dialect);
        Select(t).Where(t.C["id"] == 2).Limit(7).Offset(40).Compile(dialect);
        Select(t).Where(t.C["name"] == "x").Compile(dialect);

        // A limit and an offset are values: paging does not make new shapes.
        Assert.Equal(count + 4, dialect.CompileCount);
    }

    [Fact]
    public void One_value_used_twice_is_a_different_shape_from_two_values()
    {
        var t = new Table("shape_v", new MetaData(), new Column<int>("a", primaryKey: true), new Column<int>("b"));
        var shared = Literal(7);
        var dialect = new PostgreSqlDialect();

        var once = Select(t).Where(t.C["a"] == shared & t.C["b"] == shared).Compile(dialect);
        var twice = Select(t).Where(t.C["a"] == 1 & t.C["b"] == 2).Compile(dialect);

        Assert.Equal(new Dictionary<string, object?> { ["param_1"] = 7, ["param_2"] = 7 }, once.Parameters);
        Assert.Equal(new Dictionary<string, object?> { ["param_1"] = 1, ["param_2"] = 2 }, twice.Parameters);
    }

    [Fact]
    public void An_insertmanyvalues_page_writes_one_row_of_parameters_per_set()
    {
        var compiled = addresses.Insert().Returning(addresses.C["id"]).CompileCached(Postgres, new { user_id = 1, email = "e" }, batchRows: 3);

        Assert.Equal("INSERT INTO addresses (user_id, email) VALUES ($1, $2), ($3, $4), ($5, $6) RETURNING addresses.id", compiled.Sql);
        Assert.Equal(["user_id", "email", "user_id", "email", "user_id", "email"], compiled.ParameterNames);
    }

    [Fact]
    public void Misuse_is_refused_with_a_clear_message()
    {
        Assert.Contains("same number of columns", Assert.Throws<ArgumentException>(() => a.Union(Select(users.C["id"], users.C["name"]))).Message);
        Assert.Contains("names 1 columns but the SELECT returns 2",
            Assert.Throws<ArgumentException>(() => users.Insert().FromSelect(["name"], Select(users.C["id"], users.C["name"]))).Message);
        Assert.Contains("columns of the unique constraint", Assert.Throws<ArgumentException>(() => ins.OnConflictDoUpdate([], new { name = "x" })).Message);
        Assert.Contains("must be columns of 'users'", Assert.Throws<ArgumentException>(() => ins.OnConflictDoNothing(addresses.C["id"])).Message);
        Assert.Contains("exclude each other", Assert.Throws<ArgumentException>(() => Select(users).ForUpdate(noWait: true, skipLocked: true)).Message);
        Assert.Contains("join an alias", Assert.Throws<ArgumentException>(() => Select(users).Join(addresses).Join(addresses)).Message);
        Assert.Contains("at least one WHEN", Assert.Throws<ArgumentException>(() => Case([])).Message);
        Assert.Contains("cannot be an Int32", Assert.Throws<ArgumentException>(() => new Column<string>("s", defaultValue: 5)).Message);
        Assert.Contains("give one", Assert.Throws<ArgumentException>(() => new Column<string>("s", defaultValue: "x", defaultFactory: () => "y")).Message);
        Assert.Contains("has no column 'nope'", Assert.Throws<ArgumentException>(() => users.Insert().Values(new[] { new { nope = 1 } })).Message);
        Assert.Contains("every row needs the same keys", Assert.Throws<ArgumentException>(() =>
            users.Insert().Values(new object[] { new { id = 1 }, new { name = "x" } })).Message);
        var other = Select(users.C["id"]).Cte("totals");
        Assert.Contains("Two different CTEs are named 'totals'", Assert.Throws<InvalidOperationException>(() =>
            Select(cte.C["total"], other.C["id"]).Compile(Postgres)).Message);
    }

    // executemany skips comparing sets of the first set's type, and compares dictionaries without copying their keys:
    // what it still refuses and accepts.
    [Fact]
    public void Executemany_sets_need_the_keys_of_the_first_whatever_their_kind()
    {
        var insert = users.Insert();
        static Dictionary<string, object?> Map(params string[] keys) => keys.ToDictionary(k => k, object? (_) => null);
        static void Refused(Executable statement, object[] sets) =>
            Assert.Contains("every set needs the same keys", Assert.Throws<ArgumentException>(() => statement.CheckParameterSets(sets)).Message);

        insert.CheckParameterSets([new { id = 1, name = "a" }, new { id = 2, name = "b" }, new { id = 3, name = "c" }]);
        insert.CheckParameterSets([new { id = 1, name = "a" }, Map("name", "id"), new { id = 3, name = "c" }]);
        insert.CheckParameterSets([Map("id", "name"), Map("name", "id"), new { name = "c", id = 3 }]);
        Refused(insert, [new { id = 1, name = "a" }, new { id = 2, name = "b" }, new { id = 3 }]);
        Refused(insert, [new { id = 1, name = "a" }, new { id = 2, parent_id = 5 }]);
        Refused(insert, [Map("id", "name"), Map("id", "parent_id")]);
        Refused(insert, [Map("id", "name"), Map("id")]);
        Refused(insert, [Map("id", "name"), new { id = 1, name = "a", parent_id = 2 }]);
    }

    [Fact]
    public void Hostile_alias_label_subquery_and_cte_names_are_quoted()
    {
        var alias = users.Alias("u\"; DROP TABLE users; --");
        var statement = Select(alias.C["name"].Label("a b")).Where(alias.C["id"] == 1);

        Assert.Equal("SELECT \"u\"\"; DROP TABLE users; --\".name AS \"a b\" \nFROM users AS \"u\"\"; DROP TABLE users; --\" \nWHERE \"u\"\"; DROP TABLE users; --\".id = $1",
            Sql(statement, Postgres));
        Assert.StartsWith("WITH \"Select\" AS", Sql(Select(Select(users.C["id"]).Cte("Select")), Postgres), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => users.Alias(""));
        Assert.Throws<ArgumentException>(() => Select(users).Subquery("a\0b"));
    }
}
