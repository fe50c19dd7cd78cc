using Aird.Stream.Vision.Detection;

namespace Aird.Stream.Ingest.BestShots;

/// <summary>One tracked face of the current frame, offered to <see cref="BestShotSelector"/>.</summary>
/// <param name="TrackId">From <see cref="Tracking.FaceTracker"/>.</param>
/// <param name="Detection">The face; its box width is compared with the camera's minimum face size.</param>
/// <param name="Quality">Its quality in [0, 1], e.g. <see cref="FaceQualityScore.Total"/>.</param>
public sealed record ShotCandidate(long TrackId, FaceDetection Detection, double Quality);
