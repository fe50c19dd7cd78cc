using Aird.Stream.Contracts;

namespace Aird.Stream.Matching.Alerts;

/// <summary>One alert: one track passing one camera, for one subject (or as unknown) of one watchlist.</summary>
/// <param name="AlertId">Derived from camera, track, watchlist and subject, so a replay raises the same id.</param>
/// <param name="SubjectId">Null for <see cref="AlertKind.Unknown"/>.</param>
/// <param name="FaceId">The track's best face so far.</param>
/// <param name="Similarity">The best face's similarity to the subject.</param>
/// <param name="Margin">The best face's lead over the second-best subject.</param>
/// <param name="Sightings">How many faces of the track were folded into the alert.</param>
public sealed record AggregatedAlert(
    string AlertId,
    AlertKind Kind,
    string CameraId,
    string TrackId,
    Guid WatchlistId,
    Guid? SubjectId,
    string FaceId,
    float Similarity,
    float Margin,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    int Sightings);
