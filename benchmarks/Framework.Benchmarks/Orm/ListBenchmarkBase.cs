using Dapper;
using Framework.Sql;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static Framework.Sql.Expressions;

namespace Framework.Benchmarks.Orm;

/// <summary>
/// <see cref="Count"/> entities in key order after a key, tracked, in a fresh unit of work: <c>WHERE id &gt; k ORDER BY id
/// LIMIT n</c> read into a list. The key rotates over the table, so every call reads a different page of rows. The sides
/// of <see cref="TrackedListBenchmarks"/> (20 rows) and <see cref="LargeListBenchmarks"/> (2,000 rows).
/// </summary>
/// <remarks>
/// Framework's session puts the instances in its identity map and EF Core's context tracks them (snapshots for change
/// detection); raw Npgsql and Dapper only make the objects. As in <see cref="GetByKeyBenchmarks"/>, the session only
/// reads, so it sends no BEGIN and no ROLLBACK, and <see cref="Core"/> shows the same SELECT through a Framework
/// connection without the ORM.
/// </remarks>
public abstract class ListBenchmarkBase : OrmBenchmarkBase
{
    private static readonly Table ItemTable = BenchBase.MetaData.Tables[OrmTable.Name];

    private readonly string _rawSql;
    private readonly string _dapperSql;

    protected ListBenchmarkBase(int count)
    {
        Count = count;
        _rawSql = $"SELECT id, name, value FROM bench_orm_items WHERE id > $1 ORDER BY id LIMIT {count}";
        _dapperSql = $"SELECT id, name, value FROM bench_orm_items WHERE id > @after ORDER BY id LIMIT {count}";
    }

    /// <summary>How many rows each call reads.</summary>
    protected int Count { get; }

    protected override async Task CheckAsync()
    {
        const int after = 4321;
        int[] expected = [.. Enumerable.Range(after + 1, Count)];
        Require((await Raw(after)).Select(i => i.Id).SequenceEqual(expected), "raw Npgsql", "wrong rows");
        Require((await Session(after)).Select(i => i.Id).SequenceEqual(expected), "Framework session", "wrong rows");
        Require((await Dapper(after)).Select(i => i.Id).SequenceEqual(expected), "Dapper", "wrong rows");
        Require((await EFCore(after)).Select(i => i.Id).SequenceEqual(expected), "EF Core", "wrong rows");
        Require((await Core(after)).Select(i => i.Id).SequenceEqual(expected), "Framework Core", "wrong rows");
    }

    /// <summary>The next key to read after: every one is followed by <see cref="Count"/> rows.</summary>
    protected int NextAfter() => NextKey(OrmTable.RowCount - Count + 1) - 1;

    protected async Task<List<PlainItem>> Raw(int after)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(_rawSql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        await using var reader = await command.ExecuteReaderAsync();
        var items = new List<PlainItem>(Count);
        while (await reader.ReadAsync())
            items.Add(new PlainItem { Id = reader.GetInt32(0), Name = reader.GetString(1), Value = reader.GetInt32(2) });
        return items;
    }

    protected async Task<IReadOnlyList<Item>> Session(int after)
    {
        await using var session = Sessions.Create();
        var result = await session.ExecuteAsync(Select<Item>().Where(i => i.Id > after).OrderBy(i => i.Id).Limit(Count));
        return result.Scalars().All();
    }

    protected async Task<List<PlainItem>> Dapper(int after)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<PlainItem>(_dapperSql, new { after })).AsList();
    }

    protected async Task<List<PlainItem>> EFCore(int after)
    {
        await using var context = Contexts.CreateDbContext();
        return await context.Items.Where(i => i.Id > after).OrderBy(i => i.Id).Take(Count).ToListAsync();
    }

    protected async Task<List<PlainItem>> Core(int after)
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
