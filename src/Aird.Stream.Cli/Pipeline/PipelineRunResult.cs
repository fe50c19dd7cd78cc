namespace Aird.Stream.Cli.Pipeline;

/// <summary>What one run of the pipeline did.</summary>
/// <param name="Outcome">Drained or stalled when the run stopped itself; running when it was interrupted.</param>
/// <param name="Sightings">Per camera, from the database.</param>
internal sealed record PipelineRunResult(
    IReadOnlyList<string> CameraIds,
    PipelineCounts Counts,
    IReadOnlyDictionary<string, CameraSightings> Sightings,
    IReadOnlyList<ReceivedAlert> Alerts,
    TimeSpan WallTime,
    DrainState Outcome)
{
    public long TotalSightings => Sightings.Values.Sum(s => s.Sightings);
}
