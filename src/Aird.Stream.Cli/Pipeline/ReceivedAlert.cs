namespace Aird.Stream.Cli.Pipeline;

/// <summary>An alert as the alert printer received it, with the names looked up.</summary>
/// <param name="Subject">The subject's display name; null for an unknown-face alert.</param>
/// <param name="CaptureTime">When the face that raised the alert was captured.</param>
/// <param name="ReceivedAt">When the alert reached the printer: with <paramref name="CaptureTime"/>, the pipeline's latency.</param>
internal sealed record ReceivedAlert(
    string CameraId,
    string FaceId,
    DateTimeOffset CaptureTime,
    DateTimeOffset ReceivedAt,
    string Watchlist,
    string? Subject,
    float Similarity)
{
    public TimeSpan Latency => ReceivedAt - CaptureTime;

    /// <summary>One line for the operator: time, camera, watchlist, who, how similar.</summary>
    public string ToLine() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"ALERT {CaptureTime.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fff}Z camera={CameraId} watchlist={Watchlist} subject={Subject ?? "(unknown face)"} similarity={Similarity:F3}");
}
