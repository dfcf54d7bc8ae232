using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Framework.AspNetCore.Tests.Infrastructure;

/// <summary>
/// Records what the app logs under <c>Framework.Engine</c>: each statement its engine sends, and BEGIN, COMMIT and ROLLBACK,
/// which are logged when they are sent (a deferred BEGIN, and the COMMIT or ROLLBACK of a transaction that only read, are
/// not), so the log is the list of round trips a request cost. Also the unit of work's decisions
/// (<c>Framework.AspNetCore.UnitOfWork</c>), to wait for one a request makes after its client has gone.
/// </summary>
public sealed class UnitOfWorkLog : ILoggerProvider
{
    public const string EngineCategory = "Framework.Engine", UnitOfWorkCategory = "Framework.AspNetCore.UnitOfWork";

    // Framework's event ids (src/Framework/Diagnostics/Log.cs, src/Framework.AspNetCore/Log.cs).
    public const int Statement = 1000, Begin = 1002, Commit = 1003, Rollback = 1004, ExecuteMany = 1010;
    public const int Committed = 2000, RolledBack = 2001, CommitFailed = 2002;

    private readonly ConcurrentQueue<(int EventId, string Message)> _sent = new();
    private readonly TaskCompletionSource<int> _decided = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What was sent since the last <see cref="Clear"/>, in order: "BEGIN …", "COMMIT", "ROLLBACK" or a statement's SQL.</summary>
    public IReadOnlyList<string> Sent => [.. _sent.Select(e => e.Message)];

    /// <summary>The event id of the first decision a request made: <see cref="Committed"/>, <see cref="RolledBack"/> or <see cref="CommitFailed"/>.</summary>
    public Task<int> Decided => _decided.Task;

    public void Clear() => _sent.Clear();

    public ILogger CreateLogger(string categoryName) => categoryName switch
    {
        EngineCategory => new Logger((id, message) =>
        {
            if (id is Statement or Begin or Commit or Rollback or ExecuteMany)
                _sent.Enqueue((id, message));
        }),
        UnitOfWorkCategory => new Logger((id, _) =>
        {
            if (id is Committed or RolledBack or CommitFailed)
                _decided.TrySetResult(id);
        }),
        _ => Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
    };

    public void Dispose()
    {
    }

    private sealed class Logger(Action<int, string> record) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            record(eventId.Id, formatter(state, exception));
    }
}
