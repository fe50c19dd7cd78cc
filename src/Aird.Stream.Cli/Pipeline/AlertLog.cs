using System.Collections.Concurrent;

namespace Aird.Stream.Cli.Pipeline;

/// <summary>The alerts received during one run, in arrival order; thread-safe.</summary>
internal sealed class AlertLog
{
    private readonly ConcurrentQueue<ReceivedAlert> _alerts = new();

    public IReadOnlyList<ReceivedAlert> Alerts => [.. _alerts];

    public void Add(ReceivedAlert alert) => _alerts.Enqueue(alert);
}
