using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AdminPortal.IntegrationTests.Infrastructure;

/// <summary>Keeps every log line the app writes, so tests can read what an operator would see in the console.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner._lines.Enqueue($"{logLevel}: {category}: {formatter(state, exception)}" + (exception is null ? "" : $" [{exception.GetType().Name}]"));
            }
        }
    }
}
