namespace Aird.Stream.Matching.Alerts;

/// <summary>Where and when one face was seen: what the aggregator needs of a face besides its verdict.</summary>
/// <param name="CapturedAt">The capture time, the aggregator's only clock: a replay decides as the first run did.</param>
public sealed record FaceObservation(string CameraId, string TrackId, string FaceId, DateTimeOffset CapturedAt);
