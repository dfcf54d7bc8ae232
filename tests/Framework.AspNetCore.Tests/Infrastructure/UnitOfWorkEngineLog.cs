using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Framework.AspNetCore.Tests.Infrastructure;

/// <summary>
/// Records what the app's engine logs under <c>Framework.Engine</c>: each statement it sends, and BEGIN, COMMIT and ROLLBACK,
/// which are logged when they are sent (a deferred BEGIN, and the COMMIT or ROLLBACK of a transaction that only read, are
/// not), so the log is the list of round trips a request cost.
/// </summary>
public sealed class UnitOfWorkEngineLog : ILoggerProvider
{
    public const string Category = "Framework.Engine";

    // Framework's event ids for what goes to the database (src/Framework/Diagnostics/Log.cs).
    public const int Statement = 1000, Begin = 1002, Commit = 1003, Rollback = 1004, ExecuteMany = 1010;

    private readonly ConcurrentQueue<(int EventId, string Message)> _entries = new();

    /// <summary>What was sent since the last <see cref="Clear"/>, in order: "BEGIN …", "COMMIT", "ROLLBACK" or a statement's SQL.</summary>
    public IReadOnlyList<string> Sent => [.. _entries.Where(e => e.EventId is Statement or Begin or Commit or Rollback or ExecuteMany).Select(e => e.Message)];

    public void Clear() => _entries.Clear();

    public ILogger CreateLogger(string categoryName) => categoryName == Category ? new Logger(this) : NullLoggerInstance;

    public void Dispose()
    {
    }

    private static readonly ILogger NullLoggerInstance = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    private sealed class Logger(UnitOfWorkEngineLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log._entries.Enqueue((eventId.Id, formatter(state, exception)));
    }
}
