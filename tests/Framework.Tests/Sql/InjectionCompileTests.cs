using Framework.Dialects.PostgreSql;
using Framework.Dialects.Sqlite;
using Framework.Sql;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Sql;

/// <summary>
/// Without a database: every value-taking API, given any <see cref="HostileStrings">hostile string</see>, compiles to
/// the very SQL it compiles to for a harmless value, on both dialects, and carries the string among its bound
/// values. The shape cache alone cannot pass this: a value written into the text would either change the SQL or,
/// if the cache ignored it, be missing from the bound values.
/// </summary>
public sealed class InjectionCompileTests
{
    private static readonly Dialect[] Dialects = [PostgreSqlDialect.Instance, SqliteDialect.Instance];

    private static readonly Table T = new("t", new MetaData(),
        new Column<int>("id", primaryKey: true, autoincrement: false), new Column<string>("v"), new Column<string>("w"));

    private static Column Id => T.C["id"];

    private static Column V => T.C["v"];

    private static Column W => T.C["w"];

    /// <summary>Each API by name, as a statement built around one value.</summary>
    private static readonly Dictionary<string, Func<string, Executable>> Builders = new()
    {
        ["=="] = s => Select(Id).Where(V == s),
        ["!="] = s => Select(Id).Where(V != s),
        ["<"] = s => Select(Id).Where(V < s),
        [">="] = s => Select(Id).Where(V >= s),
        ["In"] = s => Select(Id).Where(V.In(s, s + "x")),
        ["NotIn"] = s => Select(Id).Where(V.NotIn(s, s + "x")),
        ["Between"] = s => Select(Id).Where(V.Between(s, s + "x")),
        ["Like"] = s => Select(Id).Where(V.Like(s)),
        ["ILike"] = s => Select(Id).Where(V.ILike(s)),
        ["StartsWith"] = s => Select(Id).Where(V.StartsWith(s)),
        ["EndsWith"] = s => Select(Id).Where(V.EndsWith(s)),
        ["Contains"] = s => Select(Id).Where(V.Contains(s)),
        ["Having"] = s => Select(V, Func.Count().Label("n")).GroupBy(V).Having(Func.Max(W) == s),
        ["Exists"] = s => Select(Id).Where(Exists(Select(T.Alias("u").C["id"]).Where(T.Alias("u").C["v"] == s))),
        ["Cte"] = s => Select(Select(Id).Where(V == s).Cte("c").C["id"]),
        ["Insert.Values"] = s => T.Insert().Values(new { id = 1, v = s }),
        ["Insert.Values of rows"] = s => T.Insert().Values(new[] { new { id = 1, v = s }, new { id = 2, v = s + s } }),
        ["Insert.FromSelect"] = s => T.Insert().FromSelect(["id", "v"], Select(Id, Literal(s)).Where(V != s)),
        ["OnConflictDoNothing"] = s => T.Insert().Values(new { id = 1, v = s }).OnConflictDoNothing(T.C["id"]),
        ["OnConflictDoUpdate"] = s => T.Insert().Values(new { id = 1, v = s }).OnConflictDoUpdate([T.C["id"]], new { w = s }, where: W != s),
        ["Update.Values"] = s => T.Update().Values(new { w = s }).Where(V == s),
        ["Update.Values expression"] = s => T.Update().Values(new { w = Concat(W, s) }).Returning(W),
        ["Delete.Where"] = s => T.Delete().Where(V == s).Returning(Id),
        ["Literal"] = s => Select(Literal(s).Label("x")).SelectFrom(T),
        ["Cast"] = s => Select(Cast(s, SqlType.Text).Label("x")).SelectFrom(T),
        ["BindParam"] = s => Select(BindParam("p", s).Label("x")).SelectFrom(T),
        ["Case"] = s => Select(Case([(V == s, s)], s).Label("x")),
        ["Coalesce"] = s => Select(Func.Coalesce(V, s).Label("x")),
        ["Func.Call"] = s => Select(Func.Call("upper", s).Label("x")).SelectFrom(T),
        ["Concat"] = s => Select((V + s).Label("x")),
        ["Order by a value"] = s => Select(Id).OrderBy(Case([(V == s, 0)], 1)),
    };

    public static TheoryData<string> Apis => [.. Builders.Keys];

    [Theory, MemberData(nameof(Apis))]
    public void A_hostile_value_never_changes_the_sql_and_is_always_bound(string api)
    {
        var build = Builders[api];
        foreach (var dialect in Dialects)
        {
            var baseline = build("harmless").Compile(dialect);
            foreach (var value in HostileStrings.All)
            {
                var compiled = build(value).Compile(dialect);
                if (compiled.Sql != baseline.Sql)
                    Assert.Fail($"{api} on {dialect.Name} given {HostileStrings.Describe(value)} wrote:\n{compiled.Sql}\ninstead of:\n{baseline.Sql}");
                Assert.Equal(baseline.ParameterNames, compiled.ParameterNames);
                var escaped = value.Replace("/", "//", StringComparison.Ordinal).Replace("%", "/%", StringComparison.Ordinal).Replace("_", "/_", StringComparison.Ordinal);
                // An IN list bound as one array (PostgreSQL) holds its values in a string[].
                var strings = compiled.Parameters.Values.SelectMany(bound => bound as string[] ?? (bound is string one ? [one] : []));
                Assert.True(strings.Any(bound => bound.Contains(value, StringComparison.Ordinal) || bound.Contains(escaped, StringComparison.Ordinal)),
                    $"{api} on {dialect.Name}: {HostileStrings.Describe(value)} is not among the bound values.");
            }
        }
    }

    [Fact]
    public void Limit_and_offset_counts_are_bound_values()
    {
        foreach (var dialect in Dialects)
        {
            var baseline = Select(Id).Limit(1).Offset(2).Compile(dialect).Sql;
            foreach (var count in new[] { 0, 7, int.MaxValue })
            {
                var compiled = Select(Id).Limit(count).Offset(count).Compile(dialect);
                Assert.Equal(baseline, compiled.Sql);
                Assert.Equal([count, count], compiled.Parameters.Values);
            }
        }
    }

    /// <summary>
    /// The APIs that take SQL rather than values (<see cref="Expressions.LiteralColumn"/>, <see cref="Expressions.Text"/>,
    /// a column's <c>serverDefault</c>, a check constraint) write their text as given, as documented; the value APIs
    /// beside them (<see cref="Expressions.Literal"/>, Text's <c>:name</c> parameters) never do.
    /// </summary>
    [Fact]
    public void Sql_taking_apis_write_their_text_and_value_taking_ones_never_do()
    {
        const string text = "'; DROP TABLE canary; --";
        foreach (var dialect in Dialects)
        {
            Assert.Contains("upper(v) || 'x'", Select(LiteralColumn("upper(v) || 'x'")).SelectFrom(T).Compile(dialect).Sql, StringComparison.Ordinal);
            Assert.DoesNotContain(text, Select(Literal(text)).SelectFrom(T).Compile(dialect).Sql, StringComparison.Ordinal);
            var textual = Text("SELECT :p AS echo, ':p' AS quoted").Compile(dialect);
            Assert.Single(textual.ParameterNames);
            Assert.Contains("':p' AS quoted", textual.Sql, StringComparison.Ordinal);
        }
        Assert.Equal("'n/a'", new Column<string>("s", serverDefault: "'n/a'").ServerDefault);
    }
}
