using Aird.Stream.Cli.Pipeline;

namespace Aird.Stream.Cli.Benchmarks;

/// <summary>One pipeline run of <c>aird bench pipeline</c> with <see cref="Cameras"/> cameras playing the clip.
/// Rates are per second of each role's active time (its first to its last count); latency is from a face's capture
/// time to the arrival of its alert at the alert consumer.</summary>
internal sealed record PipelineBenchRow(
    int Cameras,
    long Frames,
    long Crops,
    long Embeddings,
    long Sightings,
    int Alerts,
    double? IngestFramesPerSecond,
    double? IngestCropsPerSecond,
    double? RecognizerEmbeddingsPerSecond,
    double? MatcherSightingsPerSecond,
    LatencySummary? AlertLatency,
    double CpuCoresBusy,
    double WallSeconds,
    bool Drained)
{
    public static PipelineBenchRow From(int cameras, PipelineRunResult result, TimeSpan cpuTime)
    {
        ArgumentNullException.ThrowIfNull(result);
        var counts = result.Counts;
        var latencies = result.Alerts.Select(a => a.Latency.TotalMilliseconds).ToList();
        return new PipelineBenchRow(
            cameras,
            counts.TotalFrames,
            counts.TotalCrops,
            counts.Embedded,
            counts.Sightings,
            result.Alerts.Count,
            counts.Rate(PipelineCounters.Frames, counts.TotalFrames),
            counts.Rate(PipelineCounters.Crops, counts.TotalCrops),
            counts.Rate(PipelineCounters.Embedded, counts.Embedded),
            counts.Rate(PipelineCounters.Sightings, counts.Sightings),
            latencies.Count > 0 ? LatencySummary.From(latencies) : null,
            cpuTime / result.WallTime,
            result.WallTime.TotalSeconds,
            result.Outcome == DrainState.Drained);
    }
}
