using BenchmarkDotNet.Attributes;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using static Framework.Sql.Expressions;

namespace Framework.Benchmarks.Orm;

/// <summary>
/// A unit of work that changes many rows: load 1,000 rows (<c>WHERE id &gt;= lo AND id &lt; lo + 1000</c>), add one to
/// the <c>value</c> of each, write the 1,000 changes and commit. Every call loads the next block of 1,000 ids (ten
/// blocks rotate over the table) and every change is real: each row's value goes up by one.
/// </summary>
/// <remarks>
/// Raw Npgsql and Dapper load and update in one transaction; raw Npgsql sends the 1,000 UPDATEs as one NpgsqlBatch (one
/// round trip), Dapper's Execute over a list runs one command per item (1,000 round trips). Framework's session loads
/// in its transaction, and CommitAsync flushes the 1,000 changes as one executemany (an NpgsqlBatch) and commits. EF
/// Core loads tracked entities outside a transaction, then SaveChanges detects the changes and writes them in its own
/// transaction, batched as the provider does by default.
/// </remarks>
public class UpdateBenchmarks : OrmBenchmarkBase
{
    private const int BlockSize = 1_000;
    private const int Blocks = OrmTable.RowCount / BlockSize;
    private const string RawSelectSql = "SELECT id, name, value FROM bench_orm_items WHERE id >= $1 AND id < $2";
    private const string RawUpdateSql = "UPDATE bench_orm_items SET value = $1 WHERE id = $2";
    private const string DapperSelectSql = "SELECT id, name, value FROM bench_orm_items WHERE id >= @lo AND id < @hi";
    private const string DapperUpdateSql = "UPDATE bench_orm_items SET value = @Value WHERE id = @Id";

    [Benchmark(Baseline = true)]
    public Task<int> RawNpgsql_load_update_commit() => Raw(NextLow());

    [Benchmark]
    public Task<int> Framework_session_load_update_commit() => Session(NextLow());

    [Benchmark]
    public Task<int> Dapper_load_update_commit() => Dapper(NextLow());

    [Benchmark]
    public Task<int> EFCore_load_update_SaveChanges() => EFCore(NextLow());

    protected override async Task CheckAsync()
    {
        const int low = 3 * BlockSize + 1;
        (string Side, Func<int, Task<int>> Run)[] sides =
        [
            (nameof(RawNpgsql_load_update_commit), Raw),
            (nameof(Framework_session_load_update_commit), Session),
            (nameof(Dapper_load_update_commit), Dapper),
            (nameof(EFCore_load_update_SaveChanges), EFCore),
        ];
        foreach (var (side, run) in sides)
        {
            var before = await OrmTable.ReadValuesAsync(DataSource);
            var count = await run(low);
            var after = await OrmTable.ReadValuesAsync(DataSource);
            Require(count == BlockSize, side, $"{count} rows loaded");
            foreach (var (id, value) in after)
            {
                var expected = id >= low && id < low + BlockSize ? before[id] + 1 : before[id];
                Require(value == expected, side, $"row {id} holds {value}, not {expected}");
            }
        }
    }

    // The first id of the next block: 1, 1001, ..., 9001, 1, ...
    private int NextLow() => (NextKey(Blocks) - 1) * BlockSize + 1;

    private async Task<int> Raw(int low)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var items = new List<PlainItem>(BlockSize);
        await using (var select = new NpgsqlCommand(RawSelectSql, connection, transaction))
        {
            select.Parameters.Add(new NpgsqlParameter { Value = low });
            select.Parameters.Add(new NpgsqlParameter { Value = low + BlockSize });
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                items.Add(new PlainItem { Id = reader.GetInt32(0), Name = reader.GetString(1), Value = reader.GetInt32(2) });
        }
        foreach (var item in items)
            item.Value++;
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var item in items)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(RawUpdateSql)
            {
                Parameters = { new NpgsqlParameter { Value = item.Value }, new NpgsqlParameter { Value = item.Id } },
            });
        }
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return items.Count;
    }

    private async Task<int> Session(int low)
    {
        var high = low + BlockSize;
        await using var session = Sessions.Create();
        var items = (await session.ExecuteAsync(Select<Item>().Where(i => i.Id >= low && i.Id < high))).Scalars().All();
        foreach (var item in items)
            item.Value++;
        await session.CommitAsync();
        return items.Count;
    }

    private async Task<int> Dapper(int low)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var items = (await connection.QueryAsync<PlainItem>(DapperSelectSql, new { lo = low, hi = low + BlockSize }, transaction)).AsList();
        foreach (var item in items)
            item.Value++;
        await connection.ExecuteAsync(DapperUpdateSql, items, transaction);
        await transaction.CommitAsync();
        return items.Count;
    }

    private async Task<int> EFCore(int low)
    {
        var high = low + BlockSize;
        await using var context = Contexts.CreateDbContext();
        var items = await context.Items.Where(i => i.Id >= low && i.Id < high).ToListAsync();
        foreach (var item in items)
            item.Value++;
        await context.SaveChangesAsync();
        return items.Count;
    }
}
