namespace Aird.Stream.Ingest.Tracking;

/// <summary>What one frame did to the tracks of a camera.</summary>
/// <param name="TrackIds">The track of every detection of the frame, in the order of the detections.</param>
/// <param name="EndedTrackIds">Tracks not seen for longer than <see cref="TrackerOptions.MaxAge"/>, reported once,
/// on the first frame after their end; their ids never come back.</param>
public sealed record TrackerUpdate(IReadOnlyList<long> TrackIds, IReadOnlyList<long> EndedTrackIds);
