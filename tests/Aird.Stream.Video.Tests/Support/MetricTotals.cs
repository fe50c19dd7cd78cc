using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Aird.Stream.Video.Tests.Support;

/// <summary>Sums the camera counters of one meter factory (tests run in parallel, each with its own fleet).</summary>
public sealed class MetricTotals : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string Camera), long> totals = new();

    public MetricTotals(IMeterFactory scope)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CameraMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "camera", Value: string camera })
                {
                    totals.AddOrUpdate((instrument.Name, camera), value, (_, sum) => sum + value);
                }
            }
        });
        listener.Start();
    }

    public long Total(string instrument, string camera) => totals.GetValueOrDefault((instrument, camera));

    public void Dispose() => listener.Dispose();
}
