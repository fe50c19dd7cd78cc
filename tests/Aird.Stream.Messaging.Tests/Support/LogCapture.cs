using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Aird.Stream.Messaging.Tests.Support;

/// <summary>Every log line the code under test wrote, also echoed to the test's output for diagnosis.</summary>
public sealed class LogCapture
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> entries = new();

    public IReadOnlyList<(LogLevel Level, string Text)> Entries => [.. entries];

    public void Add(LogLevel level, string category, string text)
    {
        entries.Enqueue((level, text));
        TestContext.Current.TestOutputHelper?.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {level} {category}: {text}");
    }
}
