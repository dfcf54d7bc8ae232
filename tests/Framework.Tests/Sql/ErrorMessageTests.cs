using Framework.Dialects.PostgreSql;
using Framework.Dialects.Sqlite;
using Framework.Sql;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Sql;

/// <summary>The wording of messages that need no database: articles, long names, and what to declare instead of an unmapped type.</summary>
public sealed class ErrorMessageTests
{
    private static readonly string Long = new('n', 100_000);

    [Theory]
    [InlineData("int", "an int")]
    [InlineData("object", "an object")]
    [InlineData("Int32", "an Int32")]
    [InlineData("UInt32", "a UInt32")]
    [InlineData("ulong", "a ulong")]
    [InlineData("IList<T>", "an IList<T>")]
    [InlineData("NS.Mood", "an NS.Mood")]
    [InlineData("UNION", "a UNION")]
    [InlineData("UNION ALL", "a UNION ALL")]
    [InlineData("INTERSECT", "an INTERSECT")]
    [InlineData("EXCEPT", "an EXCEPT")]
    [InlineData("string", "a string")]
    [InlineData("Stream", "a Stream")]
    [InlineData("Uri", "a Uri")]
    [InlineData("unsigned", "an unsigned")]
    [InlineData("Update", "an Update")]
    [InlineData("Invalidate", "an Invalidate")]
    [InlineData("Euro", "a Euro")]
    [InlineData("System.IO.Stream", "a System.IO.Stream")]
    [InlineData("[Flags] enum", "a [Flags] enum")]
    public void The_article_is_chosen_by_the_word_that_follows(string word, string expected) =>
        Assert.Equal(expected, Articles.With(word));

    [Fact]
    public void Messages_that_name_a_type_choose_its_article()
    {
        var defaultValue = Assert.Throws<ArgumentException>(() => new Column<string>("name", defaultValue: 5));
        var parameters = Assert.Throws<ArgumentException>(() => ParameterValues.Collect(Text("SELECT :x").Compile(PostgreSqlDialect.Instance), [], 5));
        var compound = Assert.Throws<ArgumentException>(() => Select(Literal(1)).Except(Select(Literal(1), Literal(2))));

        Assert.Contains("its defaultValue cannot be an Int32.", defaultValue.Message);
        Assert.Contains("or a dictionary, not an Int32.", parameters.Message);
        Assert.Contains("Every SELECT of an EXCEPT needs the same number of columns", compound.Message);
    }

    [Fact]
    public void A_long_name_is_quoted_by_its_start_and_its_length()
    {
        Assert.Equal("'short'", Identifiers.Quoted("short"));
        Assert.Equal($"'{new string('x', 80)}'", Identifiers.Quoted(new string('x', 80)));
        Assert.Equal($"'{new string('n', 40)}…' (100000 characters)", Identifiers.Quoted(Long));
        Assert.Equal($"{new string('n', 40)}… (100000 characters)", Identifiers.Shortened(Long));
        // A surrogate pair is never cut in half.
        var emoji = new string('x', 39) + string.Concat(Enumerable.Repeat("😀", 30));
        Assert.Equal($"'{new string('x', 39)}…' ({emoji.Length} characters)", Identifiers.Quoted(emoji));
    }

    [Fact]
    public void Messages_about_a_100000_character_name_stay_short()
    {
        var meta = new MetaData();
        var table = new Table(Long, meta, new Column<int>(Long, primaryKey: true));
        var messages = new[]
        {
            Assert.Throws<ArgumentException>(() => new Column<int>(Long + "\0")).Message,
            Assert.Throws<KeyNotFoundException>(() => table.C["missing"]).Message,
            Assert.Throws<ArgumentException>(() => new Table(Long, meta, new Column<int>("id"))).Message,
            Assert.Throws<ArgumentException>(() => new Table("t", new MetaData(), new Column<int>("id"), new Column<int>(Long), new Column<int>(Long))).Message,
            Assert.Throws<ArgumentException>(() => SqlType.Enum<DayOfWeek>(Long)).Message,
            Assert.Throws<ArgumentException>(() => new Column<Stream>(Long)).Message,
            Assert.Throws<ArgumentException>(() => ParameterValues.Collect(Text($"SELECT :{Long}").Compile(SqliteDialect.Instance), [], new Dictionary<string, object?>())).Message,
        };

        Assert.All(messages, message =>
        {
            Assert.InRange(message.Length, 1, 600);
            Assert.Matches(@"'n{40}…' \(10000[01] characters\)", message);
        });
    }

    [Fact]
    public void A_stream_column_is_told_to_hold_bytes()
    {
        var error = Assert.Throws<ArgumentException>(() => new Column<Stream>("data"));

        Assert.Equal("Column 'data': there is no SQL type for Stream. Bytes are stored as byte[]: declare new Column<byte[]>(\"data\") " +
            "(SqlType.Binary: bytea on PostgreSQL, BLOB on SQLite) and pass the bytes as an array (copy a stream into a MemoryStream and call " +
            "ToArray(); call ToArray() on a Memory<byte> or a list). (Parameter 'type')", error.Message);
        Assert.DoesNotContain("Json", error.Message);
        Assert.Equal(SqlType.Binary, new Column<byte[]>("data").Type);
    }

    [Theory]
    [InlineData(typeof(MemoryStream), "declare new Column<byte[]>(\"c\") (SqlType.Binary")]
    [InlineData(typeof(ReadOnlyMemory<byte>), "declare new Column<byte[]>(\"c\") (SqlType.Binary")]
    [InlineData(typeof(List<byte>), "declare new Column<byte[]>(\"c\") (SqlType.Binary")]
    [InlineData(typeof(char[]), "declare new Column<string>(\"c\")")]
    [InlineData(typeof(System.Text.StringBuilder), "declare new Column<string>(\"c\")")]
    [InlineData(typeof(List<int>), "A list of values is stored as an array: declare new Column<int[]>(\"c\")")]
    [InlineData(typeof(HashSet<Guid>), "A list of values is stored as an array: declare new Column<Guid[]>(\"c\")")]
    [InlineData(typeof(Dictionary<string, int>), "To store a Dictionary<string, int> as JSON, declare new Column<JsonNode>(\"c\")")]
    [InlineData(typeof(Address), "To store an Address as JSON, declare new Column<JsonNode>(\"c\") (SqlType.Json")]
    [InlineData(typeof(int[][]), "To store an int[][] as JSON")]
    [InlineData(typeof(object), "Give the column the type of its values")]
    [InlineData(typeof(Uri), "declare new Column<string>(\"c\") and pass uri.ToString()")]
    [InlineData(typeof(System.Net.IPAddress), "read it back with IPAddress.Parse(text)")]
    [InlineData(typeof(Int128?), "declare new Column<decimal>(\"c\") (SqlType.Numeric)")]
    public void An_unmapped_type_is_told_what_fits_it(Type type, string advice)
    {
        var create = typeof(Column<>).MakeGenericType(type);
        var error = Assert.Throws<System.Reflection.TargetInvocationException>(() =>
            Activator.CreateInstance(create, "c", null, false, null, false, false, null, null, null, null, null));

        var message = Assert.IsType<ArgumentException>(error.InnerException).Message;
        Assert.StartsWith("Column 'c': there is no SQL type for ", message);
        Assert.Contains(advice, message);
    }

    public sealed record Address(string Street, string City);
}
