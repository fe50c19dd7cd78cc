using Aird.Stream.Contracts;
using Aird.Stream.Messaging;
using Aird.Stream.Storage;
using Aird.Stream.Storage.Sightings;

namespace Aird.Stream.Matching;

/// <summary>
/// Reads a <see cref="FaceEmbedding"/> as the sighting to store, rejecting (for the dead-letter topic, without retries)
/// messages that lack what it needs.
/// </summary>
internal static class EmbeddingMessages
{
    /// <exception cref="MessageRejectedException">A field the matcher needs is missing, or the vector is not 128 floats.</exception>
    public static SightingRecord ToSighting(FaceEmbedding message)
    {
        var header = message.Header ?? throw new MessageRejectedException("FaceEmbedding has no header.");
        var what = $"FaceEmbedding '{header.FaceId}' from camera '{header.CameraId}'";
        if (header.CaptureTime is null)
        {
            throw new MessageRejectedException($"{what} has no capture time.");
        }

        if (string.IsNullOrEmpty(header.Models?.Embedder))
        {
            throw new MessageRejectedException($"{what} does not name its embedder model.");
        }

        var box = message.Bbox ?? throw new MessageRejectedException($"{what} has no bounding box.");
        if (message.Dimension != EmbeddingSpace.Dimension)
        {
            throw new MessageRejectedException($"{what} has a {message.Dimension}-d embedding; sightings store {EmbeddingSpace.Dimension}-d.");
        }

        float[] embedding;
        try
        {
            embedding = EmbeddingVector.Unpack(message.Vector, message.Dimension);
        }
        catch (ContractFormatException e)
        {
            throw new MessageRejectedException($"{what}: {e.Message}", e);
        }

        return new SightingRecord(
            header.FaceId,
            header.CameraId,
            header.CaptureTime.ToDateTimeOffset(),
            header.TrackId,
            new FaceBox(box.X, box.Y, box.Width, box.Height),
            message.Quality,
            header.Models.Embedder,
            embedding);
    }
}
