using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Aird.Stream.Messaging.Tests.Support;

/// <summary>Listens to the messaging meter and keeps what concerns one topic: counter sums and lag per partition.</summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly string topic;
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, long> sums = new();
    private readonly ConcurrentDictionary<int, long> lag = new();

    public MetricsRecorder(string topic)
    {
        this.topic = topic;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MessagingMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>(OnMeasurement);
        listener.Start();
    }

    public long Sum(string instrument) => sums.GetValueOrDefault(instrument);

    /// <summary>Observes the lag gauge now and returns the latest lag of each partition of the topic.</summary>
    public IReadOnlyDictionary<int, long> ObserveLag()
    {
        listener.RecordObservableInstruments();
        return new Dictionary<int, long>(lag);
    }

    public void Dispose() => listener.Dispose();

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        int? partition = null;
        var ours = false;
        foreach (var tag in tags)
        {
            ours |= tag.Key == "topic" && Equals(tag.Value, topic);
            partition = tag.Key == "partition" ? (int?)tag.Value : partition;
        }

        if (!ours)
        {
            return;
        }

        if (partition is { } p)
        {
            lag[p] = value;
        }
        else
        {
            sums.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value);
        }
    }
}
