using System.Text;
using BenchmarkDotNet.Attributes;
using Framework.Sql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Framework.Benchmarks.Core;

/// <summary>
/// 10,000 rows inserted in one transaction, their generated ids read back in input order: raw Npgsql sending
/// multi-row INSERT statements of 1,000 rows (the baseline), Framework's executemany (insertmanyvalues, pages of
/// 1,000 rows), and EF Core's SaveChanges.
/// </summary>
/// <remarks>
/// Each side pays the same frame: take a pooled connection, begin, insert, read the ids, commit, give the connection
/// back. The input is one array of <see cref="BulkItem"/> built in [GlobalSetup]; each side turns it into what its API
/// takes inside the measured call (raw: NpgsqlParameters; Framework: one anonymous object per row; EF Core: new
/// entities, since SaveChanges writes the ids into them). An iteration is one call (InvocationCount 1) and the table
/// is truncated after it, outside the measured time, so every call inserts into an empty table with ids from 1.
/// Sixty warmup calls, not the suite's four: with one call per iteration, a process takes 30 to 40 calls (a few
/// seconds) to reach its steady state, as the JIT replaces its first code for the loops over 10,000 rows; with four
/// warmups most of raw Npgsql's measured calls were well above its steady time. Thirty measured calls, not twenty,
/// because a call is long enough for one burst of outside load to spoil it. <see cref="BulkInsertInterleaved"/> runs
/// the same three calls in turn in one process, for a ratio that load on a shared machine moves less.
/// <para>
/// EF Core gets a <see cref="PooledDbContextFactory{TContext}"/>: a context from the pool per call, as
/// AddDbContextPool gives an ASP.NET Core request. Raw Npgsql and EF Core each have an NpgsqlDataSource with
/// Npgsql's default pooling; Framework has its own pool (Npgsql pooling off).
/// </para>
/// </remarks>
[InvocationCount(1)]
[WarmupCount(60)]
[IterationCount(30)]
public class BulkInsertBenchmarks
{
    private const int RowCount = 10_000;
    private const int PageSize = 1_000;

    private readonly Table _table = new(BulkTable.Name, new MetaData(),
        new Column<int>("id", primaryKey: true),
        new Column<string>("name"),
        new Column<int>("qty"),
        new Column<DateTime>("created", type: SqlType.DateTime(timezone: true)));

    private BulkItem[] _source = null!;
    private string _rawSql = null!;
    private NpgsqlDataSource _dataSource = null!;
    private NpgsqlDataSource _efDataSource = null!;
    private PooledDbContextFactory<BulkInsertContext> _contexts = null!;
    private AsyncEngine _engine = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        _source = [.. Enumerable.Range(0, RowCount).Select(i => new BulkItem { Name = $"item {i:D5}", Qty = i % 100, Created = start.AddSeconds(i) })];
        _rawSql = MultiRowInsertSql(PageSize);
        _dataSource = BenchDatabase.CreateDataSource();
        _efDataSource = BenchDatabase.CreateDataSource();
        _contexts = new PooledDbContextFactory<BulkInsertContext>(
            new DbContextOptionsBuilder<BulkInsertContext>().UseNpgsql(_efDataSource).Options);
        _engine = Engines.CreateAsyncEngine(BenchDatabase.Url);

        // Each side, once, checked: 10,000 rows in the table, 10,000 distinct ids, the i-th id that of the i-th input.
        await BulkTable.EnsureEmptyAsync(_dataSource);
        await CheckAsync(nameof(RawNpgsql_multi_row_insert_returning), await RawNpgsql_multi_row_insert_returning());
        await CheckAsync(nameof(Framework_executemany_returning), await Framework_executemany_returning());
        await CheckAsync(nameof(EFCore_SaveChanges), await EFCore_SaveChanges());
    }

    [IterationCleanup]
    public void Truncate() => BulkTable.Truncate(_dataSource);

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _engine.DisposeAsync();
        // PooledDbContextFactory is not disposable; its pooled contexts go with the process.
        await _efDataSource.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public async Task<IReadOnlyList<int>> RawNpgsql_multi_row_insert_returning()
    {
        var ids = new int[RowCount];
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        for (var offset = 0; offset < RowCount; offset += PageSize)
        {
            await using var command = new NpgsqlCommand(_rawSql, connection, transaction);
            var parameters = command.Parameters;
            for (var i = offset; i < offset + PageSize; i++)
            {
                var item = _source[i];
                parameters.Add(new NpgsqlParameter { Value = item.Name });
                parameters.Add(new NpgsqlParameter { Value = item.Qty });
                parameters.Add(new NpgsqlParameter { Value = item.Created });
            }
            await using var reader = await command.ExecuteReaderAsync();
            var next = offset;
            while (await reader.ReadAsync())
                ids[next++] = reader.GetInt32(0);
        }
        await transaction.CommitAsync();
        return ids;
    }

    [Benchmark]
    public async Task<IReadOnlyList<int>> Framework_executemany_returning()
    {
        var rows = new object[RowCount];
        for (var i = 0; i < rows.Length; i++)
        {
            var item = _source[i];
            rows[i] = new { name = item.Name, qty = item.Qty, created = item.Created };
        }
        await using var connection = await _engine.ConnectAsync();
        var result = await connection.ExecuteAsync(_table.Insert().Returning(_table.C["id"]), rows);
        var ids = result.Scalars<int>().All();
        await connection.CommitAsync();
        return ids;
    }

    [Benchmark]
    public async Task<IReadOnlyList<int>> EFCore_SaveChanges()
    {
        var items = new BulkItem[RowCount];
        for (var i = 0; i < items.Length; i++)
        {
            var item = _source[i];
            items[i] = new BulkItem { Name = item.Name, Qty = item.Qty, Created = item.Created };
        }
        await using var context = _contexts.CreateDbContext();
        context.Items.AddRange(items);
        await context.SaveChangesAsync();
        var ids = new int[RowCount];
        for (var i = 0; i < ids.Length; i++)
            ids[i] = items[i].Id;
        return ids;
    }

    // INSERT INTO bench_bulk (name, qty, created) VALUES ($1, $2, $3), ($4, $5, $6), ... RETURNING id
    private static string MultiRowInsertSql(int rows)
    {
        var sql = new StringBuilder($"INSERT INTO {BulkTable.Name} (name, qty, created) VALUES ");
        for (var row = 0; row < rows; row++)
            sql.Append(row > 0 ? ", " : "").Append($"(${3 * row + 1}, ${3 * row + 2}, ${3 * row + 3})");
        return sql.Append(" RETURNING id").ToString();
    }

    private async Task CheckAsync(string side, IReadOnlyList<int> ids)
    {
        var names = await BulkTable.ReadNamesAsync(_dataSource);
        Require(names.Count == RowCount, side, $"the table holds {names.Count} rows");
        Require(ids.Count == RowCount && ids.Distinct().Count() == RowCount, side, $"{ids.Count} ids came back, {ids.Distinct().Count()} distinct");
        for (var i = 0; i < RowCount; i++)
            Require(names.TryGetValue(ids[i], out var name) && name == _source[i].Name, side, $"id {ids[i]} (input {i}) is not the row of '{_source[i].Name}'");
        BulkTable.Truncate(_dataSource);
    }

    private static void Require(bool condition, string side, string message)
    {
        if (!condition)
            throw new InvalidOperationException($"BulkInsertBenchmarks sanity check failed for {side}: {message}.");
    }
}
