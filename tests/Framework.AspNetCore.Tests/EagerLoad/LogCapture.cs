using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Framework.AspNetCore.Tests.EagerLoad;

/// <summary>Keeps every entry the app logs at Warning or above, with its category and event id.</summary>
public sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<(string Category, EventId Id, LogLevel Level, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                capture.Entries.Enqueue((category, eventId, logLevel, formatter(state, exception)));
        }
    }
}
