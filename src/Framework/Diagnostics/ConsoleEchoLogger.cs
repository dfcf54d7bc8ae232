using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Framework.Diagnostics;

/// <summary>
/// Where <c>Echo = true</c> writes when no <see cref="ILoggerFactory"/> was given: standard output, one line per
/// message, as SQLAlchemy's echo does. Not a general logger: it exists so echo works with no setup.
/// </summary>
internal sealed class ConsoleEchoLoggerFactory : ILoggerFactory
{
    public static readonly ConsoleEchoLoggerFactory Instance = new();

    public ILogger CreateLogger(string categoryName) => new ConsoleEchoLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) =>
        throw new NotSupportedException("The echo console logger takes no providers; pass EngineOptions.LoggerFactory to route logs elsewhere.");

    public void Dispose()
    {
    }

    private sealed class ConsoleEchoLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            var level = logLevel switch
            {
                LogLevel.Information => "INFO",
                LogLevel.Warning => "WARN",
                LogLevel.Error => "ERROR",
                _ => "CRIT",
            };
            var line = string.Create(CultureInfo.InvariantCulture, $"{DateTime.Now:yyyy-MM-dd HH:mm:ss,fff} {level} {category} {formatter(state, exception)}");
            Console.Out.WriteLine(line);
        }
    }
}
