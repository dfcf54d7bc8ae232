using BenchmarkDotNet.Attributes;
using Dapper;
using Framework.Sql;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static Framework.Sql.Expressions;

namespace Framework.Benchmarks.Orm;

/// <summary>
/// Twenty entities in key order after a key, tracked, in a fresh unit of work: <c>WHERE id &gt; k ORDER BY id LIMIT 20</c>
/// read into a list. The key rotates over the table, so every call reads a different page of rows.
/// </summary>
/// <remarks>
/// Framework's session puts the twenty instances in its identity map and EF Core's context tracks them (snapshots for
/// change detection); raw Npgsql and Dapper only make the objects. As in <see cref="GetByKeyBenchmarks"/>, the session
/// only reads, so it sends no BEGIN and no ROLLBACK, and <see cref="FrameworkCore_twenty_rows"/> shows the same SELECT
/// through a Framework connection without the ORM.
/// </remarks>
public class TrackedListBenchmarks : OrmBenchmarkBase
{
    private const int Count = 20;
    private const string RawSql = "SELECT id, name, value FROM bench_orm_items WHERE id > $1 ORDER BY id LIMIT 20";
    private const string DapperSql = "SELECT id, name, value FROM bench_orm_items WHERE id > @after ORDER BY id LIMIT 20";

    private static readonly Table ItemTable = BenchBase.MetaData.Tables[OrmTable.Name];

    [Benchmark(Baseline = true)]
    public Task<List<PlainItem>> RawNpgsql_twenty_rows() => Raw(NextAfter());

    [Benchmark]
    public Task<IReadOnlyList<Item>> Framework_session_twenty_entities() => Session(NextAfter());

    [Benchmark]
    public Task<List<PlainItem>> Dapper_twenty_rows() => Dapper(NextAfter());

    [Benchmark]
    public Task<List<PlainItem>> EFCore_tracked_twenty_entities() => EFCore(NextAfter());

    [Benchmark]
    public Task<List<PlainItem>> FrameworkCore_twenty_rows() => Core(NextAfter());

    protected override async Task CheckAsync()
    {
        const int after = 4321;
        int[] expected = [.. Enumerable.Range(after + 1, Count)];
        Require((await Raw(after)).Select(i => i.Id).SequenceEqual(expected), nameof(RawNpgsql_twenty_rows), "wrong rows");
        Require((await Session(after)).Select(i => i.Id).SequenceEqual(expected), nameof(Framework_session_twenty_entities), "wrong rows");
        Require((await Dapper(after)).Select(i => i.Id).SequenceEqual(expected), nameof(Dapper_twenty_rows), "wrong rows");
        Require((await EFCore(after)).Select(i => i.Id).SequenceEqual(expected), nameof(EFCore_tracked_twenty_entities), "wrong rows");
        Require((await Core(after)).Select(i => i.Id).SequenceEqual(expected), nameof(FrameworkCore_twenty_rows), "wrong rows");
    }

    // 0 to 9,980: twenty rows follow every one of them.
    private int NextAfter() => NextKey(OrmTable.RowCount - Count + 1) - 1;

    private async Task<List<PlainItem>> Raw(int after)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(RawSql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        await using var reader = await command.ExecuteReaderAsync();
        var items = new List<PlainItem>(Count);
        while (await reader.ReadAsync())
            items.Add(new PlainItem { Id = reader.GetInt32(0), Name = reader.GetString(1), Value = reader.GetInt32(2) });
        return items;
    }

    private async Task<IReadOnlyList<Item>> Session(int after)
    {
        await using var session = Sessions.Create();
        var result = await session.ExecuteAsync(Select<Item>().Where(i => i.Id > after).OrderBy(i => i.Id).Limit(Count));
        return result.Scalars().All();
    }

    private async Task<List<PlainItem>> Dapper(int after)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<PlainItem>(DapperSql, new { after })).AsList();
    }

    private async Task<List<PlainItem>> EFCore(int after)
    {
        await using var context = Contexts.CreateDbContext();
        return await context.Items.Where(i => i.Id > after).OrderBy(i => i.Id).Take(Count).ToListAsync();
    }

    private async Task<List<PlainItem>> Core(int after)
    {
        await using var connection = await Engine.ConnectAsync();
        var id = ItemTable.C["id"];
        var result = await connection.ExecuteAsync(Select(ItemTable).Where(id > after).OrderBy(id).Limit(Count));
        var items = new List<PlainItem>(Count);
        foreach (var row in result)
            items.Add(new PlainItem { Id = row.Get<int>(0), Name = row.Get<string>(1), Value = row.Get<int>(2) });
        return items;
    }
}
