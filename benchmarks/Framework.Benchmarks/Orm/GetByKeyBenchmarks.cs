using BenchmarkDotNet.Attributes;
using Dapper;
using Framework.Sql;
using Npgsql;
using static Framework.Sql.Expressions;

namespace Framework.Benchmarks.Orm;

/// <summary>
/// One entity by primary key in a fresh unit of work: take a connection (or session, or context), read the row into an
/// object, give everything back. Keys rotate over the 10,000 rows, so every call reads a different one.
/// </summary>
/// <remarks>
/// A Framework session begins a transaction at its first statement; on PostgreSQL at READ COMMITTED its BEGIN waits for
/// a statement that does more than read (<c>EngineOptions.DeferBegin</c>), so this read-only session makes one round
/// trip, as raw Npgsql, Dapper and EF Core do in autocommit (Npgsql's pool reset sends DISCARD ALL ahead of the SELECT).
/// With <c>DeferBegin = false</c>, BEGIN travels with the SELECT and closing the session rolls back: a second round trip. <see cref="FrameworkCore_get_by_key"/>
/// is the same SELECT through a Framework connection, with the same transaction cycle and no ORM: the difference between
/// it and <see cref="Framework_session_get"/> is what the session adds.
/// </remarks>
public class GetByKeyBenchmarks : OrmBenchmarkBase
{
    private const string RawSql = "SELECT id, name, value FROM bench_orm_items WHERE id = $1";
    private const string DapperSql = "SELECT id, name, value FROM bench_orm_items WHERE id = @id";

    private static readonly Table ItemTable = BenchBase.MetaData.Tables[OrmTable.Name];

    [Benchmark(Baseline = true)]
    public Task<PlainItem?> RawNpgsql_get_by_key() => Raw(NextKey(OrmTable.RowCount));

    [Benchmark]
    public Task<Item?> Framework_session_get() => Session(NextKey(OrmTable.RowCount));

    [Benchmark]
    public Task<PlainItem?> Dapper_get_by_key() => Dapper(NextKey(OrmTable.RowCount));

    [Benchmark]
    public Task<PlainItem?> EFCore_find() => EFCore(NextKey(OrmTable.RowCount));

    [Benchmark]
    public Task<PlainItem?> FrameworkCore_get_by_key() => Core(NextKey(OrmTable.RowCount));

    protected override async Task CheckAsync()
    {
        const int key = 4321;
        var expected = (Id: key, Name: "item 4321");
        Require(await Raw(key) is { } raw && (raw.Id, raw.Name) == expected, nameof(RawNpgsql_get_by_key), "wrong row");
        Require(await Session(key) is { } entity && (entity.Id, entity.Name) == expected, nameof(Framework_session_get), "wrong row");
        Require(await Dapper(key) is { } dapper && (dapper.Id, dapper.Name) == expected, nameof(Dapper_get_by_key), "wrong row");
        Require(await EFCore(key) is { } ef && (ef.Id, ef.Name) == expected, nameof(EFCore_find), "wrong row");
        Require(await Core(key) is { } core && (core.Id, core.Name) == expected, nameof(FrameworkCore_get_by_key), "wrong row");
    }

    private async Task<PlainItem?> Raw(int key)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(RawSql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new PlainItem { Id = reader.GetInt32(0), Name = reader.GetString(1), Value = reader.GetInt32(2) }
            : null;
    }

    private async Task<Item?> Session(int key)
    {
        await using var session = Sessions.Create();
        return await session.GetAsync<Item>(key);
    }

    private async Task<PlainItem?> Dapper(int key)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await connection.QueryFirstOrDefaultAsync<PlainItem>(DapperSql, new { id = key });
    }

    private async Task<PlainItem?> EFCore(int key)
    {
        await using var context = Contexts.CreateDbContext();
        return await context.Items.FindAsync(key);
    }

    private async Task<PlainItem?> Core(int key)
    {
        await using var connection = await Engine.ConnectAsync();
        var result = await connection.ExecuteAsync(Select(ItemTable).Where(ItemTable.C["id"] == key));
        return result.OneOrNone() is { } row
            ? new PlainItem { Id = row.Get<int>(0), Name = row.Get<string>(1), Value = row.Get<int>(2) }
            : null;
    }
}
