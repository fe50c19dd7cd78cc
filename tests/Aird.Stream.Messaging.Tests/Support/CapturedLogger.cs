using Microsoft.Extensions.Logging;

namespace Aird.Stream.Messaging.Tests.Support;

/// <summary>An <see cref="ILogger{TCategoryName}"/> that writes into the test's <see cref="LogCapture"/>.</summary>
public sealed class CapturedLogger<T>(LogCapture capture) : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            capture.Add(logLevel, typeof(T).Name, formatter(state, exception) + (exception is null ? string.Empty : $" ({exception.GetType().Name}: {exception.Message})"));
        }
    }
}
