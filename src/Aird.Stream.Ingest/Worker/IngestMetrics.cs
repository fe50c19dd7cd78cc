using System.Diagnostics.Metrics;

namespace Aird.Stream.Ingest.Worker;

/// <summary>Counters and the detection-time histogram of the ingest worker, on meter <see cref="MeterName"/>, each
/// tagged with the camera.</summary>
public sealed class IngestMetrics
{
    public const string MeterName = "Aird.Stream.Ingest";

    private readonly Counter<long> _frames;
    private readonly Counter<long> _framesFailed;
    private readonly Counter<long> _faces;
    private readonly Counter<long> _crops;
    private readonly Histogram<double> _detectMs;

    public IngestMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _frames = meter.CreateCounter<long>("aird.ingest.frames", "{frame}", "Frames processed.");
        _framesFailed = meter.CreateCounter<long>("aird.ingest.frames_failed", "{frame}", "Frames skipped because they could not be processed.");
        _faces = meter.CreateCounter<long>("aird.ingest.faces_detected", "{face}", "Faces the detector found.");
        _crops = meter.CreateCounter<long>("aird.ingest.crops_published", "{crop}", "Face crops Kafka acknowledged.");
        _detectMs = meter.CreateHistogram<double>("aird.ingest.detect_ms", "ms", "Face detection time per frame.");
    }

    internal void Frame(string camera) => _frames.Add(1, Tag(camera));

    internal void FrameFailed(string camera) => _framesFailed.Add(1, Tag(camera));

    internal void Detected(string camera, int faces, double milliseconds)
    {
        _faces.Add(faces, Tag(camera));
        _detectMs.Record(milliseconds, Tag(camera));
    }

    internal void Published(string camera, int crops) => _crops.Add(crops, Tag(camera));

    private static KeyValuePair<string, object?> Tag(string camera) => new("camera", camera);
}
