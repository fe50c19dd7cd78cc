using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Aird.Stream.Ingest.Worker;
using Aird.Stream.Matching;
using Aird.Stream.Messaging;
using Aird.Stream.Recognizer;

namespace Aird.Stream.Cli.Pipeline;

/// <summary>
/// Listens to the counters the roles publish (System.Diagnostics.Metrics) and keeps their totals. Only the meters of
/// one host's <see cref="IMeterFactory"/> are counted, so several pipelines in one process do not mix.
/// </summary>
internal sealed class PipelineCounters : IDisposable
{
    public const string Frames = "aird.ingest.frames";
    public const string Crops = "aird.ingest.crops_published";
    public const string Embedded = "aird.recognizer.faces_embedded";
    public const string Sightings = "aird.matching.sightings_written";
    private const string FramesFailed = "aird.ingest.frames_failed";

    // Recorded once per frame after its detection: the frames counter counts a frame when its work starts.
    private const string DetectMs = "aird.ingest.detect_ms";
    private const string Faces = "aird.ingest.faces_detected";
    private const string Rejected = "aird.recognizer.crops_rejected";
    private const string DeadLettered = "aird.messaging.dead_lettered";

    private static readonly Dictionary<string, string[]> Counted = new(StringComparer.Ordinal)
    {
        [IngestMetrics.MeterName] = [Frames, FramesFailed, Faces, Crops, DetectMs],
        [RecognizerMetrics.MeterName] = [Embedded, Rejected],
        [MatcherMetrics.MeterName] = [Sightings],
        [MessagingMetrics.MeterName] = [DeadLettered],
    };

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string Tag), long> _totals = new();
    private readonly ConcurrentDictionary<string, (DateTimeOffset First, DateTimeOffset Last)> _spans = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public PipelineCounters(IMeterFactory scope, TimeProvider time)
    {
        _time = time;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, scope)
                && Counted.TryGetValue(instrument.Meter.Name, out var names)
                && names.Contains(instrument.Name, StringComparer.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.SetMeasurementEventCallback<double>((instrument, _, tags, state) => OnMeasurement(instrument, 1, tags, state));
        _listener.Start();
    }

    public PipelineCounts Snapshot() => new(
        ByTag(Frames),
        ByTag(FramesFailed),
        ByTag(DetectMs),
        ByTag(Faces),
        ByTag(Crops),
        Total(Embedded),
        Total(Rejected),
        Total(Sightings),
        ByTag(DeadLettered),
        _spans.ToDictionary(pair => pair.Key, pair => pair.Value.Last - pair.Value.First, StringComparer.Ordinal));

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        // Ingest counters are tagged with the camera, dead letters with their source topic.
        var tag = "";
        foreach (var pair in tags)
        {
            if (pair.Key is "camera" or "topic")
            {
                tag = pair.Value?.ToString() ?? "";
            }
        }

        _totals.AddOrUpdate((instrument.Name, tag), value, (_, total) => total + value);
        var now = _time.GetUtcNow();
        _spans.AddOrUpdate(instrument.Name, (now, now), (_, span) => (span.First, now));
    }

    private Dictionary<string, long> ByTag(string instrument) =>
        _totals.Where(pair => pair.Key.Instrument == instrument).ToDictionary(pair => pair.Key.Tag, pair => pair.Value, StringComparer.Ordinal);

    private long Total(string instrument) => _totals.Where(pair => pair.Key.Instrument == instrument).Sum(pair => pair.Value);
}
