using Framework.Sql;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Sql;

/// <summary>
/// The names no database accepts (empty, or holding a NUL) are refused when the object is built, before any SQL,
/// with an <see cref="ArgumentException"/> that says which kind of name and what is wrong with it; so are function
/// names that are not plain identifiers, since a function name cannot be quoted.
/// </summary>
public sealed class HostileNameRejectionTests
{
    public static TheoryData<string, string> Unacceptable => new()
    {
        { "", "name cannot be empty" },
        { "\0", "holds a NUL character" },
        { "a\0b", "holds a NUL character" },
        { "\"; DROP TABLE canary; --\0", "holds a NUL character" },
    };

    [Theory, MemberData(nameof(Unacceptable))]
    public void Every_kind_of_name_refuses_an_empty_name_or_a_nul_with_a_clear_error(string name, string problem)
    {
        var table = new Table("t", new MetaData(), new Column<int>("id", primaryKey: true));
        var select = Select(table.C["id"]);
        var builders = new (string Kind, Action Build)[]
        {
            ("table", () => _ = new Table(name, new MetaData(), new Column<int>("id"))),
            ("column", () => _ = new Column<int>(name)),
            ("label", () => table.C["id"].Label(name)),
            ("alias", () => table.Alias(name)),
            ("subquery", () => select.Subquery(name)),
            ("CTE", () => select.Cte(name)),
            ("index", () => _ = new TableIndex(name, "id")),
            ("constraint", () => _ = new UniqueConstraint(name, "id")),
            ("constraint", () => _ = new ForeignKey("t.id", name: name)),
        };

        foreach (var (kind, build) in builders)
        {
            var error = Assert.Throws<ArgumentException>(build);
            Assert.Contains($"{kind} name", error.Message, StringComparison.Ordinal);
            Assert.Contains(problem, error.Message, StringComparison.Ordinal);
            // The message shows a NUL as \0, so it can be printed and logged.
            Assert.DoesNotContain('\0', error.Message);
        }
    }

    [Fact]
    public void A_null_name_is_refused_with_argument_null_exception()
    {
        var table = new Table("t", new MetaData(), new Column<int>("id", primaryKey: true));
        Assert.Throws<ArgumentNullException>(() => new Table(null!, new MetaData(), new Column<int>("id")));
        Assert.Throws<ArgumentNullException>(() => new Column<int>(null!));
        Assert.Throws<ArgumentNullException>(() => table.C["id"].Label(null!));
        Assert.Throws<ArgumentNullException>(() => table.Alias(null!));
        Assert.Throws<ArgumentNullException>(() => BindParam(null!));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\n")]
    public void A_bind_parameter_needs_a_name_that_is_not_blank(string name) =>
        Assert.Throws<ArgumentException>(() => BindParam(name));

    [Theory]
    [InlineData("")]
    [InlineData("upper(v); DROP TABLE canary; --")]
    [InlineData("\"upper\"")]
    [InlineData("up per")]
    [InlineData("1abs")]
    [InlineData("pg_sleep--")]
    [InlineData("l\u0131ke")]
    public void A_function_name_that_is_not_a_plain_identifier_is_refused(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => Func.Call(name, "x"));
        Assert.Contains("is not a function name", error.Message, StringComparison.Ordinal);
    }
}
