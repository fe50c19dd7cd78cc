namespace Aird.Stream.Matching.Alerts;

/// <summary>The last alert raised for a subject on a camera, as stored: what the cooldown counts from.</summary>
/// <param name="FirstSeen">Capture time of the alert's first face.</param>
public sealed record PriorAlert(string TrackId, DateTimeOffset FirstSeen);
