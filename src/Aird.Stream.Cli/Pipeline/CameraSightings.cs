namespace Aird.Stream.Cli.Pipeline;

/// <summary>What the database holds for one camera of a run: stored sightings and the distinct tracks among them.</summary>
internal sealed record CameraSightings(long Sightings, long Tracks);
