using Framework.Dialects.PostgreSql;
using Framework.Dialects.Sqlite;
using Framework.Sql;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Schema;

/// <summary>Enum and array types without a database: inference, DDL, bind casts, and reading values back.</summary>
public class TypeDdlTests
{
    private static readonly HashSet<ForeignKey> None = [];

    private static Table MoodTable(SqlType? type = null) =>
        new("people", new MetaData(), new Column<int>("id", primaryKey: true), new Column<Mood>("mood", type: type), new Column<Mood?>("was"));

    [Fact]
    public void An_enum_column_infers_a_native_enum_type_named_in_snake_case()
    {
        var type = new Column<Mood>("mood").Type;

        Assert.Equal((SqlTypeKind.Enum, typeof(Mood), "mood", true), (type.Kind, type.EnumType, type.Name, type.Native));
        Assert.Equal(["Happy", "Sad", "Calm"], type.Labels);
        Assert.Equal(5, type.Length);
        Assert.Equal(type, new Column<Mood?>("m").Type);
        Assert.Equal(type, SqlType.Enum<Mood>());
        Assert.Equal("order_status", SqlType.Enum<OrderStatus>().Name);
        Assert.Equal("http_method", SqlType.Enum<HTTPMethod>().Name);
        Assert.Equal(["Low", "Mid", "High"], SqlType.Enum<Priority>().Labels);
    }

    [Fact]
    public void Array_columns_infer_an_array_of_their_element_type()
    {
        Assert.Equal(SqlType.Array(SqlType.Integer), new Column<int[]>("a").Type);
        Assert.Equal(SqlType.Array(SqlType.String()), new Column<string[]>("a").Type);
        Assert.Equal(SqlType.Array(SqlType.BigInteger), new Column<long?[]>("a").Type);
        Assert.Equal(SqlType.Array(SqlType.Guid), new Column<Guid[]>("a").Type);
        Assert.Equal(SqlType.Array(SqlType.Enum<Mood>()), new Column<Mood[]>("a").Type);
        Assert.Equal(SqlType.Binary, SqlType.For(typeof(byte[])));
        Assert.Null(SqlType.For(typeof(int[][])));
        Assert.Throws<ArgumentException>(() => SqlType.Array(SqlType.Array(SqlType.Integer)));
    }

    [Fact]
    public void PostgreSQL_gets_an_enum_type_before_the_table_and_SQLite_a_checked_varchar()
    {
        var table = MoodTable();

        Assert.Equal("CREATE TYPE mood AS ENUM ('Happy', 'Sad', 'Calm')", DdlCompiler.CreateEnumType(table.C["mood"].Type, PostgreSqlDialect.Instance));
        Assert.Equal("DROP TYPE mood", DdlCompiler.DropEnumType(table.C["mood"].Type, PostgreSqlDialect.Instance));
        Assert.Equal("CREATE TABLE people (\n\tid SERIAL NOT NULL,\n\tmood mood,\n\twas mood,\n\tPRIMARY KEY (id)\n)",
            DdlCompiler.CreateTable(table, PostgreSqlDialect.Instance, None));
        Assert.Equal(
            "CREATE TABLE people (\n\tid INTEGER NOT NULL,\n\tmood VARCHAR(5) CHECK (mood IN ('Happy', 'Sad', 'Calm')),\n" +
            "\twas VARCHAR(5) CHECK (was IN ('Happy', 'Sad', 'Calm')),\n\tPRIMARY KEY (id)\n)",
            DdlCompiler.CreateTable(table, SqliteDialect.Instance, None));
    }

    [Fact]
    public void A_non_native_enum_is_a_checked_varchar_on_PostgreSQL_too()
    {
        var table = new Table("people", new MetaData(), new Column<Mood>("mood", type: SqlType.Enum<Mood>(native: false), nullable: false));

        Assert.Equal("CREATE TABLE people (\n\tmood VARCHAR(5) NOT NULL CHECK (mood IN ('Happy', 'Sad', 'Calm'))\n)",
            DdlCompiler.CreateTable(table, PostgreSqlDialect.Instance, None));
        Assert.Empty(SchemaGenerator.EnumTypes(PostgreSqlDialect.Instance, [table]));
        Assert.Equal("WHERE people.mood = $1", Where(Select(table).Where(table.C["mood"] == Mood.Sad), PostgreSqlDialect.Instance));
    }

    [Fact]
    public void Array_columns_compile_on_PostgreSQL_and_are_refused_on_SQLite()
    {
        var table = new Table("bag", new MetaData(), new Column<int[]>("ints"), new Column<string[]>("tags"), new Column<long[]>("longs"),
            new Column<Guid[]>("ids"), new Column<Mood[]>("moods"), new Column<string[]>("codes", type: SqlType.Array(SqlType.String(3))));

        Assert.Equal(
            "CREATE TABLE bag (\n\tints INTEGER[],\n\ttags VARCHAR[],\n\tlongs BIGINT[],\n\tids UUID[],\n\tmoods mood[],\n\tcodes VARCHAR(3)[]\n)",
            DdlCompiler.CreateTable(table, PostgreSqlDialect.Instance, None));
        Assert.Equal([SqlType.Enum<Mood>()], SchemaGenerator.EnumTypes(PostgreSqlDialect.Instance, [table]));
        var error = Assert.Throws<NotSupportedException>(() => DdlCompiler.CreateTable(table, SqliteDialect.Instance, None));
        Assert.Equal("Column bag.ints: SQLite has no array type; store it as JSON (SqlType.Json) or in a child table.", error.Message);
    }

    [Fact]
    public void Binds_compared_with_or_assigned_to_a_native_enum_are_cast_to_it_on_PostgreSQL()
    {
        var t = MoodTable();

        Assert.Equal("WHERE people.mood = $1::mood", Where(Select(t).Where(t.C["mood"] == Mood.Happy), PostgreSqlDialect.Instance));
        // An IN list is one array parameter on PostgreSQL, cast to an array of the enum.
        Assert.Equal("WHERE people.mood = ANY($1::mood[])", Where(Select(t).Where(t.C["mood"].In(Mood.Happy, Mood.Calm)), PostgreSqlDialect.Instance));
        Assert.Equal("WHERE people.mood IN (@p0, @p1)", Where(Select(t).Where(t.C["mood"].In(Mood.Happy, Mood.Calm)), SqliteDialect.Instance));
        Assert.Equal("WHERE people.mood = ANY($1::mood[])",
            Where(Select(t).Where(t.C["mood"].In(new[] { Mood.Happy, Mood.Calm, Mood.Sad })), PostgreSqlDialect.Instance));
        Assert.EndsWith("WHERE people.mood <> ALL($1::mood[])", Select(t).Where(t.C["mood"].NotIn(BindParam("moods")))
            .CompileCached(PostgreSqlDialect.Instance, new { moods = new[] { Mood.Sad } }).Sql, StringComparison.Ordinal);
        Assert.Equal("INSERT INTO people (mood, was) VALUES ($1::mood, $2::mood)", t.Insert().Values(new { mood = Mood.Sad, was = (Mood?)null })
            .Compile(PostgreSqlDialect.Instance).Sql);
        Assert.Equal("UPDATE people SET mood = $1::mood WHERE people.was = $2::mood", t.Update().Values(new { mood = Mood.Sad }).Where(t.C["was"] == Mood.Happy)
            .Compile(PostgreSqlDialect.Instance).Sql);
        var arrays = new Table("bag", new MetaData(), new Column<Mood[]>("moods"), new Column<int[]>("ints"), new Column<string[]>("tags"),
            new Column<string[]>("codes", type: SqlType.Array(SqlType.String(3))));
        Assert.Equal("INSERT INTO bag (moods, ints, tags, codes) VALUES ($1::mood[], $2, $3::VARCHAR[], $4::VARCHAR[])",
            arrays.Insert().Values(new { moods = new[] { Mood.Sad }, ints = new[] { 1 }, tags = new[] { "a" }, codes = new[] { "abc" } })
                .Compile(PostgreSqlDialect.Instance).Sql);
    }

    [Fact]
    public void The_shape_cache_keeps_statements_apart_that_differ_only_in_the_enum_type_of_a_bind()
    {
        var dialect = new PostgreSqlDialect();
        var t = new Table("people", new MetaData(), new Column<int>("id", primaryKey: true));
        Executable Query(string name) => Select(t.C["id"]).Where(Literal(Mood.Sad, SqlType.Enum<Mood>(name)).IsNotNull());

        Assert.Equal("SELECT people.id \nFROM people \nWHERE $1::\"first\" IS NOT NULL", Query("first").Compile(dialect).Sql);
        Assert.Equal("SELECT people.id \nFROM people \nWHERE $1::second IS NOT NULL", Query("second").Compile(dialect).Sql);
        Assert.Equal("SELECT people.id \nFROM people \nWHERE $1::\"first\" IS NOT NULL", Query("first").Compile(dialect).Sql);
        Assert.Equal(2, dialect.CompileCount);
    }

    [Fact]
    public void A_custom_enum_type_name_is_quoted_wherever_it_is_written()
    {
        const string name = "Mood\"; DROP TABLE people; --";
        var t = MoodTable(SqlType.Enum<Mood>(name));
        const string quoted = "\"Mood\"\"; DROP TABLE people; --\"";

        Assert.Equal($"CREATE TYPE {quoted} AS ENUM ('Happy', 'Sad', 'Calm')", DdlCompiler.CreateEnumType(t.C["mood"].Type, PostgreSqlDialect.Instance));
        Assert.Equal($"DROP TYPE {quoted}", DdlCompiler.DropEnumType(t.C["mood"].Type, PostgreSqlDialect.Instance));
        Assert.Contains($"\tmood {quoted},", DdlCompiler.CreateTable(t, PostgreSqlDialect.Instance, None), StringComparison.Ordinal);
        Assert.Equal($"WHERE people.mood = $1::{quoted}", Where(Select(t).Where(t.C["mood"] == Mood.Happy), PostgreSqlDialect.Instance));
        Assert.Throws<ArgumentException>(() => SqlType.Enum<Mood>("bad\0name"));
        Assert.Throws<ArgumentException>(() => SqlType.Enum<Mood>(""));
        Assert.Contains("63 bytes", Assert.Throws<ArgumentException>(() => SqlType.Enum<Mood>(new string('x', 64))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enum_types_that_cannot_hold_their_values_by_name_are_refused()
    {
        Assert.Contains("[Flags]", Assert.Throws<ArgumentException>(() => new Column<Permissions>("p")).Message, StringComparison.Ordinal);
        Assert.Contains("no members", Assert.Throws<ArgumentException>(() => new Column<Nothing>("n")).Message, StringComparison.Ordinal);
        Assert.Null(SqlType.For(typeof(Permissions)));
        Assert.Contains("(int)value", Assert.Throws<ArgumentException>(() => new Column<Mood>("m", type: SqlType.Integer)).Message, StringComparison.Ordinal);
        Assert.Contains("Mood", Assert.Throws<ArgumentException>(() => new Column<Mood>("m", type: SqlType.Enum<Priority>())).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new Column<Mood[]>("m", type: SqlType.Array(SqlType.Integer)));
        Assert.Throws<ArgumentException>(() => SqlType.Enum(typeof(int)));
        Assert.Equal(SqlTypeKind.Text, new Column<Mood>("m", type: SqlType.Text).Type.Kind);
    }

    [Fact]
    public void Two_enums_under_one_PostgreSQL_name_or_an_enum_named_as_a_table_are_refused_before_any_DDL()
    {
        var meta = new MetaData();
        var a = new Table("a", meta, new Column<Mood>("m"));
        var b = new Table("b", meta, new Column<Mood?>("m"), new Column<Mood[]>("ms"));
        var c = new Table("c", meta, new Column<Priority>("p", type: SqlType.Enum<Priority>("mood")));

        Assert.Equal([SqlType.Enum<Mood>()], SchemaGenerator.EnumTypes(PostgreSqlDialect.Instance, [a, b]));
        Assert.Empty(SchemaGenerator.EnumTypes(SqliteDialect.Instance, [a, b, c]));
        var error = Assert.Throws<InvalidOperationException>(() => SchemaGenerator.EnumTypes(PostgreSqlDialect.Instance, [a, b, c]));
        Assert.Contains("'mood'", error.Message, StringComparison.Ordinal);
        var clash = new Table("priority", new MetaData(), new Column<Priority>("p"));
        Assert.Contains("table's name", Assert.Throws<InvalidOperationException>(() => SchemaGenerator.EnumTypes(PostgreSqlDialect.Instance, [clash])).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Enum_values_are_handed_to_the_driver_by_name()
    {
        Assert.Equal("Sad", Driver.DriverValue(Mood.Sad));
        Assert.Equal(new string?[] { "Calm", null }, Driver.DriverValue(new Mood?[] { Mood.Calm, null }));
        Assert.Equal(DBNull.Value, Driver.DriverValue(null));
        Assert.Equal(new[] { 1, 2 }, Driver.DriverValue(new[] { 1, 2 }));
        var error = Assert.Throws<ArgumentException>(() => Driver.DriverValue((Mood)42));
        Assert.Contains("42 is not a member of Mood (Happy, Sad, Calm)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_and_numbers_read_back_as_enum_members_and_anything_else_is_a_clear_error()
    {
        Assert.Equal(Mood.Sad, ValueConverter.Convert<Mood>("Sad", "mood"));
        Assert.Equal(Mood.Calm, ValueConverter.Convert<Mood?>("Calm", "mood"));
        Assert.Null(ValueConverter.Convert<Mood?>(null, "mood"));
        Assert.Equal(Mood.Sad, ValueConverter.Convert<Mood>(1L, "mood"));
        Assert.Equal(Mood.Calm, ValueConverter.Convert<Mood>(2, "mood"));
        Assert.Equal([Mood.Calm, Mood.Happy], ValueConverter.Convert<Mood[]>(new[] { "Calm", "Happy" }, "moods"));
        Assert.Equal([Mood.Calm, null], ValueConverter.Convert<Mood?[]>(new[] { "Calm", null }, "moods"));

        var unknown = Assert.Throws<InvalidCastException>(() => ValueConverter.Convert<Mood>("Angry", "mood"));
        Assert.Equal("Column 'mood' holds 'Angry', which is not a member of Mood (Happy, Sad, Calm); names match case-sensitively. " +
            "Add the member to Mood, or read the column as a string.", unknown.Message);
        Assert.Throws<InvalidCastException>(() => ValueConverter.Convert<Mood>("happy", "mood"));
        Assert.Throws<InvalidCastException>(() => ValueConverter.Convert<Mood>("1", "mood"));
        Assert.Throws<InvalidCastException>(() => ValueConverter.Convert<Mood[]>(new[] { "Calm", "Angry" }, "moods"));
        Assert.Contains("Mood?[]", Assert.Throws<InvalidCastException>(() => ValueConverter.Convert<Mood[]>(new[] { "Calm", null }, "moods")).Message,
            StringComparison.Ordinal);
    }

    private static string Where(Executable statement, Dialect dialect)
    {
        var sql = statement.Compile(dialect).Sql;
        return sql[sql.IndexOf("WHERE", StringComparison.Ordinal)..];
    }
}
