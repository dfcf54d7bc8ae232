using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Framework.AspNetCore.Tests.Observability;

/// <summary>
/// Keeps every entry logged, with the values of the scopes around it as they were when it was written. It takes the
/// factory's scopes (ISupportExternalScope), as the console and OpenTelemetry providers do, so it sees a scope begun by
/// any logger of the app.
/// </summary>
public sealed class ScopeCapture : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    /// <summary>An entry, and the key-value pairs of its scopes (an inner scope's value wins).</summary>
    public sealed record Entry(string Category, EventId Id, string Message, IReadOnlyDictionary<string, object?> Scope);

    private sealed class Logger(ScopeCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new Dictionary<string, object?>(StringComparer.Ordinal);
            capture._scopes.ForEachScope(static (value, pairs) =>
            {
                if (value is IEnumerable<KeyValuePair<string, object?>> items)
                {
                    foreach (var (key, item) in items)
                        pairs[key] = item;
                }
            }, scope);
            capture.Entries.Enqueue(new Entry(category, eventId, formatter(state, exception), scope));
        }
    }
}
