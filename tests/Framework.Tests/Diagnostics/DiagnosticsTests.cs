using System.Collections.Concurrent;
using Framework.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using static Framework.Sql.Expressions;

namespace Framework.Tests.Diagnostics;

public abstract class DiagnosticsTests<TDatabase>(DatabaseFixture<TDatabase> fixture) : EngineTestBase<TDatabase>(fixture)
    where TDatabase : TestDatabase, new()
{
    [Theory, InlineData(false), InlineData(true)]
    public async Task Echo_logs_statements_parameters_and_transactions_at_information_level(bool async)
    {
        var logs = new CapturingLoggerFactory();
        var engine = CreateEngine(new() { Echo = true, LoggerFactory = logs });

        await using (var conn = await Connect(engine, async))
        {
            await Execute(conn, async, Text("SELECT :greeting"), new { greeting = "hello" });
            await Commit(conn, async);
        }

        var engineLogs = logs.Entries.Where(e => e.Category == "Framework.Engine").ToList();
        Assert.All(engineLogs, e => Assert.Equal(LogLevel.Information, e.Level));
        // SQL text begins the transaction on PostgreSQL; SQLite sees that it only reads, so it runs before any BEGIN there.
        Assert.Equal(
            Db.IsPostgres
                ? [(1002, "BEGIN (implicit)"), (1000, "SELECT $1"), (1001, "[raw sql] (hello,)"), (1003, "COMMIT")]
                : [(1000, "SELECT @p0"), (1001, "[raw sql] (hello,)")],
            engineLogs.Select(e => (e.EventId, e.Message)));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Each_category_logs_with_event_ids_in_its_own_range(bool async)
    {
        var logs = new CapturingLoggerFactory();
        var engine = CreateEngine(new() { Echo = true, EchoPool = true, LoggerFactory = logs });

        await using (var conn = await Connect(engine, async))
        {
            await End(await BeginNested(conn, async), async, commit: true);
            await Execute(conn, async, Text("SELECT :n"), new { n = 1 });
            await Assert.ThrowsAnyAsync<DatabaseException>(() => Execute(conn, async, Text("SELECT * FROM missing_for_log")));
            await Rollback(conn, async);
        }

        var byCategory = logs.Entries.GroupBy(e => e.Category).ToDictionary(g => g.Key, g => g.Select(e => e.EventId).ToList());
        Assert.Equal(["Framework.Engine", "Framework.Pool"], byCategory.Keys.Order());
        Assert.All(byCategory["Framework.Engine"], id => Assert.InRange(id, 1000, 1099));
        Assert.All(byCategory["Framework.Pool"], id => Assert.InRange(id, 1100, 1199));
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task Without_echo_statements_go_to_debug_and_hidden_parameters_stay_hidden(bool async)
    {
        var logs = new CapturingLoggerFactory();
        var engine = CreateEngine(new() { LoggerFactory = logs, HideParameters = true });

        await using (var conn = await Connect(engine, async))
            await Execute(conn, async, Text("SELECT :secret"), new { secret = "do-not-log" });

        var statement = Assert.Single(logs.Entries, e => e.EventId == 1001);
        Assert.Equal(LogLevel.Debug, statement.Level);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("do-not-log", StringComparison.Ordinal));
    }
}

public sealed class SqliteDiagnosticsTests(DatabaseFixture<SqliteDatabase> fixture) : DiagnosticsTests<SqliteDatabase>(fixture);

public sealed class PostgresDiagnosticsTests(DatabaseFixture<PostgresDatabase> fixture) : DiagnosticsTests<PostgresDatabase>(fixture);

/// <summary>Keeps every log entry written through it, for assertions.</summary>
public sealed class CapturingLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<(string Category, LogLevel Level, int EventId, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((category, logLevel, eventId.Id, formatter(state, exception)));
    }
}
