using Framework.Dialects.PostgreSql;
using Framework.Dialects.Sqlite;
using Framework.Sql;

namespace Framework.Tests.Sql;

public class DdlCompilerTests
{
    private static readonly HashSet<ForeignKey> None = [];

    [Fact]
    public void The_synopsis_table_compiles_with_an_autoincrementing_key_on_each_dialect()
    {
        var meta = new MetaData();
        var t1 = new Table("t1", meta, new Column<int>("id", primaryKey: true), new Column<string>("name"));

        Assert.Equal("CREATE TABLE t1 (\n\tid SERIAL NOT NULL,\n\tname VARCHAR,\n\tPRIMARY KEY (id)\n)",
            DdlCompiler.CreateTable(t1, PostgreSqlDialect.Instance, None));
        Assert.Equal("CREATE TABLE t1 (\n\tid INTEGER NOT NULL,\n\tname VARCHAR,\n\tPRIMARY KEY (id)\n)",
            DdlCompiler.CreateTable(t1, SqliteDialect.Instance, None));
    }

    [Fact]
    public void Every_mapped_type_has_a_name_on_each_dialect()
    {
        var meta = new MetaData();
        var table = new Table("types", meta,
            new Column<long>("id", primaryKey: true, autoincrement: false),
            new Column<short>("small"), new Column<string>("bounded", type: SqlType.String(40)), new Column<string>("text", type: SqlType.Text),
            new Column<bool>("flag"), new Column<DateTime>("at"), new Column<DateTimeOffset>("at_tz"), new Column<DateOnly>("day"),
            new Column<TimeOnly>("time"), new Column<decimal>("price", type: SqlType.Numeric(10, 2)), new Column<float>("ratio"),
            new Column<double>("score"), new Column<Guid>("uid"), new Column<string>("doc", type: SqlType.Json), new Column<byte[]>("data"));

        Assert.Equal(
            "CREATE TABLE types (\n\tid BIGINT NOT NULL,\n\tsmall SMALLINT,\n\tbounded VARCHAR(40),\n\ttext TEXT,\n\tflag BOOLEAN,\n" +
            "\tat TIMESTAMP WITHOUT TIME ZONE,\n\tat_tz TIMESTAMP WITH TIME ZONE,\n\tday DATE,\n\ttime TIME WITHOUT TIME ZONE,\n" +
            "\tprice NUMERIC(10, 2),\n\tratio REAL,\n\tscore DOUBLE PRECISION,\n\tuid UUID,\n\tdoc JSONB,\n\tdata BYTEA,\n\tPRIMARY KEY (id)\n)",
            DdlCompiler.CreateTable(table, PostgreSqlDialect.Instance, None));
        Assert.Equal(
            "CREATE TABLE types (\n\tid BIGINT NOT NULL,\n\tsmall SMALLINT,\n\tbounded VARCHAR(40),\n\ttext TEXT,\n\tflag BOOLEAN,\n" +
            "\tat DATETIME,\n\tat_tz DATETIME,\n\tday DATE,\n\ttime TIME,\n" +
            "\tprice NUMERIC(10, 2),\n\tratio REAL,\n\tscore FLOAT,\n\tuid CHAR(36),\n\tdoc TEXT,\n\tdata BLOB,\n\tPRIMARY KEY (id)\n)",
            DdlCompiler.CreateTable(table, SqliteDialect.Instance, None));
    }

    [Fact]
    public void Constraints_foreign_keys_defaults_and_indexes_compile()
    {
        var meta = new MetaData();
        new Table("parent", meta, new Column<int>("id", primaryKey: true));
        var child = new Table("child", meta,
            new Column<int>("id", primaryKey: true),
            new Column<int?>("parent_id", foreignKey: new ForeignKey("parent.id", onDelete: "cascade", deferrable: true), index: true),
            new Column<string>("code", nullable: false, unique: true),
            new Column<DateTime>("created", serverDefault: "CURRENT_TIMESTAMP"),
            new Column<int>("qty", serverDefault: "0"),
            new UniqueConstraint("uq_child_pair", "parent_id", "qty"),
            new CheckConstraint("qty >= 0", name: "ck_qty"),
            new TableIndex("ix_child_code_qty", unique: true, "code", "qty"));

        Assert.Equal(
            "CREATE TABLE child (\n\tid SERIAL NOT NULL,\n\tparent_id INTEGER,\n\tcode VARCHAR NOT NULL,\n\tcreated TIMESTAMP WITHOUT TIME ZONE DEFAULT CURRENT_TIMESTAMP,\n" +
            "\tqty INTEGER DEFAULT 0,\n\tPRIMARY KEY (id),\n\tUNIQUE (code),\n\tCONSTRAINT uq_child_pair UNIQUE (parent_id, qty),\n" +
            "\tCONSTRAINT ck_qty CHECK (qty >= 0),\n\tCONSTRAINT fk_child_parent_id_parent FOREIGN KEY(parent_id) REFERENCES parent (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED\n)",
            DdlCompiler.CreateTable(child, PostgreSqlDialect.Instance, None));
        Assert.Equal(
            ["CREATE INDEX ix_child_parent_id ON child (parent_id)", "CREATE UNIQUE INDEX ix_child_code_qty ON child (code, qty)"],
            DdlCompiler.CreateIndexes(child, PostgreSqlDialect.Instance));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("Mixed", "\"Mixed\"")]
    [InlineData("order", "\"order\"")]
    [InlineData("with space", "\"with space\"")]
    [InlineData("quo\"te", "\"quo\"\"te\"")]
    [InlineData("x; DROP TABLE users; --", "\"x; DROP TABLE users; --\"")]
    [InlineData("1starts_with_digit", "\"1starts_with_digit\"")]
    [InlineData("ünïcode", "\"ünïcode\"")]
    public void Identifiers_are_quoted_when_they_need_it(string name, string expected)
    {
        var meta = new MetaData();
        var table = new Table(name, meta, new Column<int>(name, primaryKey: true, autoincrement: false));

        Assert.Equal($"CREATE TABLE {expected} (\n\t{expected} INTEGER NOT NULL,\n\tPRIMARY KEY ({expected})\n)",
            DdlCompiler.CreateTable(table, SqliteDialect.Instance, None));
    }

    [Fact]
    public void Tables_are_ordered_by_their_foreign_keys_and_a_cycle_is_broken_by_one_key()
    {
        var meta = new MetaData();
        var child = new Table("child", meta, new Column<int>("id", primaryKey: true), new Column<int>("parent_id", foreignKey: new ForeignKey("parent.id")));
        var parent = new Table("parent", meta, new Column<int>("id", primaryKey: true), new Column<int?>("favourite_id", foreignKey: new ForeignKey("child.id")),
            new Column<int?>("self_id", foreignKey: new ForeignKey("parent.id")));
        var other = new Table("other", meta, new Column<int>("id", primaryKey: true));

        var (order, cycles) = TableOrder.Sort(meta.Tables.Values.ToList());

        Assert.Equal([other, child, parent], order);
        Assert.Equal([child.C["parent_id"].ForeignKey!], cycles);
        Assert.Equal("ALTER TABLE child ADD CONSTRAINT fk_child_parent_id_parent FOREIGN KEY(parent_id) REFERENCES parent (id)",
            DdlCompiler.AddForeignKey(child.C["parent_id"].ForeignKey!, meta, PostgreSqlDialect.Instance));
    }

    [Fact]
    public void Autoincrement_the_database_cannot_honour_is_an_error()
    {
        var meta = new MetaData();
        Assert.Contains("only an integer column", Assert.Throws<ArgumentException>(() => new Column<string>("code", primaryKey: true, autoincrement: true)).Message);
        var composite = new Table("pair", meta, new Column<int>("a", primaryKey: true, autoincrement: true), new Column<int>("b", primaryKey: true));

        Assert.Contains("sole INTEGER primary key", Assert.Throws<InvalidOperationException>(() => DdlCompiler.CreateTable(composite, SqliteDialect.Instance, None)).Message);
        Assert.Contains("a SERIAL NOT NULL", DdlCompiler.CreateTable(composite, PostgreSqlDialect.Instance, None));
    }

    [Fact]
    public void Two_tables_whose_index_names_clash_are_refused_before_anything_is_created()
    {
        var meta = new MetaData();
        new Table("a_b", meta, new Column<int>("id", primaryKey: true), new Column<int>("c", index: true));
        new Table("a", meta, new Column<int>("id", primaryKey: true), new Column<int>("b_c", index: true));
        using var engine = Engines.CreateEngine("sqlite:///:memory:");
        using var conn = engine.Connect();

        var error = Assert.Throws<InvalidOperationException>(() => meta.CreateAll(conn));

        Assert.Contains("'ix_a_b_c'", error.Message);
        Assert.Empty(Inspector.For(conn).GetTableNames());
    }

    [Fact]
    public void Schema_mistakes_are_clear_errors()
    {
        var meta = new MetaData();
        new Table("t", meta, new Column<int>("id", primaryKey: true));

        Assert.Contains("already has a table named 't'", Assert.Throws<ArgumentException>(() => new Table("t", meta, new Column<int>("id"))).Message);
        Assert.Contains("already has a column named 'a'",
            Assert.Throws<ArgumentException>(() => new Table("u", meta, new Column<int>("a"), new Column<int>("a"))).Message);
        Assert.Contains("no SQL type for Uri", Assert.Throws<ArgumentException>(() => new Column<Uri>("link")).Message);
        Assert.Contains("cannot be NULL", Assert.Throws<ArgumentException>(() => new Column<int>("id", primaryKey: true, nullable: true)).Message);
        Assert.Contains("\"table.column\"", Assert.Throws<ArgumentException>(() => new ForeignKey("nodot")).Message);
        Assert.Contains("not a referential action", Assert.Throws<ArgumentException>(() => new ForeignKey("t.id", onDelete: "explode")).Message);
        Assert.Contains("NUL", Assert.Throws<ArgumentException>(() => new Column<int>("bad\0name")).Message);
        Assert.Contains("names column 'missing'",
            Assert.Throws<ArgumentException>(() => new Table("v", meta, new Column<int>("id"), new TableIndex("ix", "missing"))).Message);

        var dangling = new Table("w", meta, new Column<int>("id", primaryKey: true), new Column<int>("x_id", foreignKey: new ForeignKey("nowhere.id")));
        var error = Assert.Throws<InvalidOperationException>(() => DdlCompiler.CreateTable(dangling, SqliteDialect.Instance, None));
        Assert.Contains("refers to table 'nowhere'", error.Message);
    }
}
