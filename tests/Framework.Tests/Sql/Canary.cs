using Framework.Sql;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Sql;

/// <summary>
/// The table the hostile payloads name (<c>DROP TABLE canary</c>, <c>DELETE FROM canary</c>, ...): created once per
/// database with three known rows, and checked after each test to be there with exactly those rows.
/// </summary>
internal static class Canary
{
    public static readonly (int Id, string Value)[] Rows = [(1, "alpha"), (2, "beta"), (3, "gamma")];

    /// <summary>A <see cref="Table"/> for the canary, in a metadata of its own.</summary>
    public static Table Table() =>
        new(HostileStrings.CanaryTable, new MetaData(), new Column<int>("id", primaryKey: true, autoincrement: false), new Column<string>("v"));

    /// <summary>Creates the canary with its rows when the database does not have it yet; the caller commits.</summary>
    public static async Task<Table> Ensure(AsyncConnection conn)
    {
        var canary = Table();
        await canary.MetaData.CreateAllAsync(conn);
        if (await conn.ScalarAsync<long>(Select(Func.Count()).SelectFrom(canary)) == 0)
            await conn.ExecuteAsync(canary.Insert(), [.. Rows.Select(r => (object)new { id = r.Id, v = r.Value })]);
        return canary;
    }

    /// <summary>The canary's rows, as <see cref="ReadAll"/> read them, are exactly <see cref="Rows"/>.</summary>
    public static void AssertIntact(Result rows) =>
        Assert.Equal(Rows, rows.All().Select(r => (r.Get<int>(0), r.Get<string>(1))));

    /// <summary>The statement that reads the canary's rows for <see cref="AssertIntact"/>.</summary>
    public static Select ReadAll(Table canary) => Select(canary.C["id"], canary.C["v"]).OrderBy(canary.C["id"]);
}
