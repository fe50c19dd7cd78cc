using System.Diagnostics.Metrics;
using Aird.Stream.Ingest.Worker;

namespace Aird.Stream.Ingest.Tests.Worker;

/// <summary>Adds up one counter of the ingest worker's metrics for one camera.</summary>
internal sealed class MetricCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public MetricCounter(string instrumentName, string cameraId)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == IngestMetrics.MeterName && instrument.Name == instrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "camera" && Equals(tag.Value, cameraId))
                {
                    Interlocked.Add(ref _count, value);
                }
            }
        });
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
