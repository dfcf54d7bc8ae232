using System.Diagnostics;
using Framework.Orm;
using Framework.Sql;
using Framework.Tests.Infrastructure;
using Framework.Tests.Orm;
using Xunit.Abstractions;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Engine;

/// <summary>
/// Concurrent writers on one SQLite file and one engine, as a web app meets them: each unit of work reads, then writes,
/// then commits. They must all commit, none may wait for the busy timeout, and the rows must equal the commits.
/// </summary>
public sealed class SqliteConcurrencyTests(DatabaseFixture<SqliteDatabase> fixture, ITestOutputHelper output) : OrmTestBase<SqliteDatabase>(fixture)
{
    private const int Units = 50;

    // The documented default of the busy_timeout URL option.
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    private async Task<(AsyncEngine Engine, Table Rows, Table Counter)> Tables(string url)
    {
        var meta = new MetaData();
        var rows = new Table(TableName("w"), meta, new Column<int>("id", primaryKey: true), new Column<string>("name"), new Column<long>("seen"));
        var counter = new Table(TableName("c"), meta, new Column<int>("id", primaryKey: true), new Column<long>("n"));
        var engine = CreateEngine(url: url);
        await engine.BeginAsync(async conn =>
        {
            await meta.CreateAllAsync(conn);
            await conn.ExecuteAsync(counter.Insert(), new { id = 1, n = 0L });
        });
        return (engine, rows, counter);
    }

    // Runs the units at once: on the thread pool through the async face, or each on a thread of its own through the sync
    // face. Reports the wall time, then fails with every unit's error, if any failed. The async units yield between their
    // statements, as a request awaits other work: Microsoft.Data.Sqlite's async methods complete synchronously, so without
    // that one pool thread would run the units one after another and none would meet another's transaction.
    private async Task<TimeSpan[]> RunAtOnce(string what, bool async, Func<int, Task> asyncUnit, Action<int> syncUnit)
    {
        var durations = new TimeSpan[Units];
        var errors = new Exception?[Units];
        var wall = Stopwatch.StartNew();
        if (async)
        {
            await Task.WhenAll(Enumerable.Range(0, Units).Select(i => Task.Run(async () =>
            {
                var clock = Stopwatch.StartNew();
                try
                {
                    await asyncUnit(i);
                }
                catch (Exception e)
                {
                    errors[i] = e;
                }
                durations[i] = clock.Elapsed;
            })));
        }
        else
        {
            var threads = Enumerable.Range(0, Units).Select(i => new Thread(() =>
            {
                var clock = Stopwatch.StartNew();
                try
                {
                    syncUnit(i);
                }
                catch (Exception e)
                {
                    errors[i] = e;
                }
                durations[i] = clock.Elapsed;
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
        }
        var failed = errors.Count(e => e is not null);
        output.WriteLine($"{what} ({(async ? "async" : "sync, threads")}): {Units - failed} of {Units} committed in {wall.ElapsedMilliseconds} ms wall; " +
            $"slowest unit {durations.Max().TotalMilliseconds:F0} ms, median {durations.Order().ElementAt(Units / 2).TotalMilliseconds:F0} ms");
        if (failed > 0)
            throw new AggregateException($"{failed} of {Units} units failed", errors.OfType<Exception>());
        return durations;
    }

    // WAL is the default; a rollback journal (journal_mode=delete, SQLite's own default) must serve them too.
    [Theory, InlineData(false, "wal"), InlineData(true, "wal"), InlineData(false, "delete"), InlineData(true, "delete")]
    public async Task Fifty_connections_that_read_then_write_all_commit_without_waiting_for_the_busy_timeout(bool async, string journalMode)
    {
        var (engine, rows, counter) = await Tables(DatabaseUrl + "?journal_mode=" + journalMode);
        var count = Select(Func.Count()).SelectFrom(rows);
        var increment = counter.Update().Where(counter.C["id"] == 1).Values(new { n = counter.C["n"] + 1 });

        var units = await RunAtOnce("connections, journal_mode=" + journalMode, async,
            async i =>
            {
                await using var conn = await engine.ConnectAsync();
                var seen = await conn.ScalarAsync<long>(count);
                await Task.Yield();
                await conn.ExecuteAsync(rows.Insert(), new { id = i + 1, name = $"unit {i}", seen });
                await Task.Yield();
                await conn.ExecuteAsync(increment);
                await conn.CommitAsync();
            },
            i =>
            {
                using var conn = engine.SyncEngine.Connect();
                var seen = conn.Scalar<long>(count);
                conn.Execute(rows.Insert(), new { id = i + 1, name = $"unit {i}", seen });
                conn.Execute(increment);
                conn.Commit();
            });

        Assert.Equal(Units, await Count(engine, rows.Name));
        await using var check = await engine.ConnectAsync();
        Assert.Equal(Units, await check.ScalarAsync<long>(Select(counter.C["n"])));
        Assert.All(units, u => Assert.True(u < BusyTimeout, $"a unit took {u}, as long as the busy timeout"));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Fifty_sessions_that_read_then_flush_all_commit_without_waiting_for_the_busy_timeout(bool async)
    {
        var (engine, _) = await Setup();

        var units = await RunAtOnce("sessions", async,
            async i =>
            {
                await using var session = new AsyncSession(engine);
                var before = await session.ScalarsAsync(Select<OrmUser>().Where(u => u.Name.StartsWith("unit")));
                await Task.Yield();
                session.Add(User($"unit {i}", note: $"saw {before.All().Count}"));
                await session.FlushAsync();
                await Task.Yield();
                await session.CommitAsync();
            },
            i =>
            {
                using var session = new Session(engine.SyncEngine);
                var before = session.Scalars(Select<OrmUser>().Where(u => u.Name.StartsWith("unit")));
                session.Add(User($"unit {i}", note: $"saw {before.All().Count}"));
                session.Commit();
            });

        await using var check = await engine.ConnectAsync();
        Assert.Equal(Units, await check.ScalarAsync<long>(Select(Func.Count()).SelectFrom(HandModel.User.Table)));
        Assert.All(units, u => Assert.True(u < BusyTimeout, $"a unit took {u}, as long as the busy timeout"));
    }
}
