using Microsoft.Extensions.Logging;
using Xunit;

namespace Aird.Stream.Testing;

/// <summary>Writes the code's log lines to the running test's output, for diagnosis.</summary>
public sealed class TestOutputLogger : ILoggerProvider, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            var error = exception is null ? string.Empty : $" ({exception.GetType().Name}: {exception.Message})";
            TestContext.Current.TestOutputHelper?.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel}: {formatter(state, exception)}{error}");
        }
    }

    public void Dispose()
    {
    }
}
