using System.Diagnostics.Metrics;

namespace Aird.Stream.Recognizer;

/// <summary>Instruments of the recognizer, on meter <see cref="MeterName"/>.</summary>
public sealed class RecognizerMetrics
{
    public const string MeterName = "Aird.Stream.Recognizer";

    private readonly Counter<long> _embedded;
    private readonly Counter<long> _rejected;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _latency;

    public RecognizerMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _embedded = meter.CreateCounter<long>("aird.recognizer.faces_embedded", "{face}", "Embeddings published and acknowledged.");
        _rejected = meter.CreateCounter<long>("aird.recognizer.crops_rejected", "{crop}", "Crops dead-lettered because their image is unusable.");
        _batchSize = meter.CreateHistogram<int>("aird.recognizer.batch_size", "{crop}", "Crops per inference.");
        _latency = meter.CreateHistogram<double>(
            "aird.recognizer.latency", "s", "From a crop's arrival at the recognizer to its embedding's acknowledgement.");
    }

    internal void Embedded(bool faceBnApplied, TimeSpan latency)
    {
        var tag = new KeyValuePair<string, object?>("facebn_applied", faceBnApplied);
        _embedded.Add(1, tag);
        _latency.Record(latency.TotalSeconds, tag);
    }

    internal void Rejected() => _rejected.Add(1);

    internal void Batch(int size) => _batchSize.Record(size);
}
