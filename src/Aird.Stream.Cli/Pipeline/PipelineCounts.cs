namespace Aird.Stream.Cli.Pipeline;

/// <summary>A snapshot of what went through the pipeline so far, from the roles' own counters.</summary>
/// <param name="Frames">Frames the ingest worker processed, per camera.</param>
/// <param name="FramesFailed">Frames the ingest worker could not process, per camera.</param>
/// <param name="FramesDetected">Frames whose face detection finished, per camera.</param>
/// <param name="Faces">Faces the detector found, per camera.</param>
/// <param name="Crops">Face crops Kafka acknowledged, per camera.</param>
/// <param name="Embedded">Embeddings the recognizer published.</param>
/// <param name="Rejected">Crops the recognizer dead-lettered as unusable.</param>
/// <param name="Sightings">Sightings the matcher stored for the first time.</param>
/// <param name="DeadLettered">Messages dead-lettered by any consumer loop, per source topic.</param>
/// <param name="ActiveTimes">Per counter (e.g. <see cref="PipelineCounters.Frames"/>), from its first to its last count.</param>
internal sealed record PipelineCounts(
    IReadOnlyDictionary<string, long> Frames,
    IReadOnlyDictionary<string, long> FramesFailed,
    IReadOnlyDictionary<string, long> FramesDetected,
    IReadOnlyDictionary<string, long> Faces,
    IReadOnlyDictionary<string, long> Crops,
    long Embedded,
    long Rejected,
    long Sightings,
    IReadOnlyDictionary<string, long> DeadLettered,
    IReadOnlyDictionary<string, TimeSpan> ActiveTimes)
{
    public long TotalFrames => Frames.Values.Sum() + FramesFailed.Values.Sum();

    public long TotalFaces => Faces.Values.Sum();

    public long TotalCrops => Crops.Values.Sum();

    /// <summary>A number that changes whenever any count changes: the pipeline is quiet while it stays the same.</summary>
    public long Activity => TotalFrames + FramesDetected.Values.Sum() + TotalFaces + TotalCrops + Embedded + Rejected + Sightings + DeadLettered.Values.Sum();

    public long DeadLetteredFrom(string topic) => DeadLettered.GetValueOrDefault(topic);

    /// <summary><paramref name="count"/> per second of <paramref name="counter"/>'s active time; null before it counted twice.</summary>
    public double? Rate(string counter, long count) =>
        ActiveTimes.GetValueOrDefault(counter) is { TotalSeconds: > 0 } active ? count / active.TotalSeconds : null;
}
