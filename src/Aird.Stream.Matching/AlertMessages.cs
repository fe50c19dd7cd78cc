using Aird.Stream.Contracts;
using Aird.Stream.Matching.Alerts;
using Google.Protobuf.WellKnownTypes;

namespace Aird.Stream.Matching;

/// <summary>The <see cref="Alert"/> message published for a raised alert.</summary>
internal static class AlertMessages
{
    /// <param name="source">The face that raised the alert: its header (camera, time, face, track, models) is the alert's.</param>
    public static Alert From(AggregatedAlert alert, FaceEmbedding source) => new()
    {
        Header = new MessageHeader(source.Header) { SchemaVersion = SchemaVersions.Current },
        AlertId = alert.AlertId,
        Kind = alert.Kind,
        WatchlistId = alert.WatchlistId.ToString(),
        SubjectId = alert.SubjectId?.ToString() ?? string.Empty,
        Similarity = alert.Similarity,
        Margin = alert.Margin,
        FirstSeen = Timestamp.FromDateTimeOffset(alert.FirstSeen),
        LastSeen = Timestamp.FromDateTimeOffset(alert.LastSeen),
        Sightings = (uint)alert.Sightings,
    };
}
