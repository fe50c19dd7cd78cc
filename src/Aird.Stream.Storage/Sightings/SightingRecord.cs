namespace Aird.Stream.Storage.Sightings;

/// <summary>One recognised face crop to store.</summary>
/// <param name="FaceId">The natural key from the ingest worker; writing the same face again stores nothing.</param>
/// <param name="Embedding">L2-normalised, <see cref="EmbeddingSpace.Dimension"/> values.</param>
/// <param name="Thumbnail">Optional small image (at most <see cref="MaxThumbnailBytes"/>); empty for none.</param>
public sealed record SightingRecord(
    string FaceId,
    string CameraId,
    DateTimeOffset CapturedAt,
    string TrackId,
    FaceBox Box,
    float Quality,
    string ModelVersion,
    ReadOnlyMemory<float> Embedding,
    ReadOnlyMemory<byte> Thumbnail = default)
{
    /// <summary>The limit the sightings table enforces, so that per-sighting pictures stay small.</summary>
    public const int MaxThumbnailBytes = 16384;

    /// <exception cref="ArgumentException">A field the table would refuse, named with the face id.</exception>
    internal void Validate()
    {
        var what = $"sighting '{FaceId}'";
        if (string.IsNullOrWhiteSpace(FaceId))
        {
            throw new ArgumentException("A sighting has an empty face id.");
        }

        RequireText(CameraId, nameof(CameraId), what);
        RequireText(TrackId, nameof(TrackId), what);
        RequireText(ModelVersion, nameof(ModelVersion), what);
        if (!(Box.Width > 0 && Box.Height > 0) || !float.IsFinite(Box.X) || !float.IsFinite(Box.Y) ||
            !float.IsFinite(Box.Width) || !float.IsFinite(Box.Height))
        {
            throw new ArgumentException($"{what}: box {Box} is not a finite box of positive size.");
        }

        if (!float.IsFinite(Quality))
        {
            throw new ArgumentException($"{what}: quality is {Quality}.");
        }

        if (Thumbnail.Length > MaxThumbnailBytes)
        {
            throw new ArgumentException($"{what}: thumbnail has {Thumbnail.Length} bytes, at most {MaxThumbnailBytes} are stored.");
        }

        EmbeddingSpace.Validate(Embedding.Span, what);
    }

    private static void RequireText(string value, string field, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{what}: {field} is empty.");
        }
    }
}
