namespace Aird.Stream.Ingest.BestShots;

/// <summary>What the worker does for one <see cref="BestShotDecision"/>. A worker holds at most one crop per
/// track: <see cref="Keep"/> replaces it, and it is no longer needed after a <see cref="Publish"/> or
/// <see cref="PublishKept"/> of that track.</summary>
public enum BestShotAction
{
    /// <summary>Crop the candidate of this frame and publish it.</summary>
    Publish,

    /// <summary>Crop the candidate of this frame and hold it as the track's best unsent shot, in place of the one
    /// held before: it may be published later by <see cref="PublishKept"/>.</summary>
    Keep,

    /// <summary>Publish the crop held for the track: it was the best of the track's first frames, or the track
    /// ended before anything was sent.</summary>
    PublishKept,
}
