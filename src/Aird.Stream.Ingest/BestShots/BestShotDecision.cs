namespace Aird.Stream.Ingest.BestShots;

/// <summary>One thing the worker must do with a face of a track.</summary>
/// <param name="CandidateIndex">The index of the candidate of this frame that <see cref="BestShotAction.Publish"/>
/// and <see cref="BestShotAction.Keep"/> refer to; null for <see cref="BestShotAction.PublishKept"/>.</param>
/// <param name="Quality">The quality of the face to crop or publish.</param>
public sealed record BestShotDecision(BestShotAction Action, long TrackId, int? CandidateIndex, double Quality);
