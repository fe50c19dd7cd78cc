namespace Aird.Stream.Storage.Sightings;

/// <summary>A stored sighting near the probe.</summary>
/// <param name="Similarity">Cosine similarity to the probe, 1 for the same direction.</param>
public sealed record SightingMatch(string FaceId, string CameraId, DateTimeOffset CapturedAt, double Similarity);
