using Aird.Stream.Contracts;
using Aird.Stream.Messaging;
using Aird.Stream.Storage.Sightings;
using Aird.Stream.Testing;

namespace Aird.Stream.Matching.Tests;

public class EmbeddingMessagesTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_complete_message_becomes_its_sighting()
    {
        var embedding = UnitVectors.Unit(new Random(3));

        var sighting = EmbeddingMessages.ToSighting(Message(embedding));

        Assert.Equal(("face-1", "cam-1", At, "track-1", Enrollment.Model, 0.7f), (sighting.FaceId, sighting.CameraId, sighting.CapturedAt, sighting.TrackId, sighting.ModelVersion, sighting.Quality));
        Assert.Equal(new FaceBox(10, 20, 24, 30), sighting.Box);
        Assert.Equal(embedding, sighting.Embedding.ToArray());
    }

    [Theory]
    [InlineData("header", "FaceEmbedding has no header.")]
    [InlineData("time", "FaceEmbedding 'face-1' from camera 'cam-1' has no capture time.")]
    [InlineData("embedder", "FaceEmbedding 'face-1' from camera 'cam-1' does not name its embedder model.")]
    [InlineData("box", "FaceEmbedding 'face-1' from camera 'cam-1' has no bounding box.")]
    [InlineData("dimension", "FaceEmbedding 'face-1' from camera 'cam-1' has a 64-d embedding; sightings store 128-d.")]
    [InlineData("bytes", "FaceEmbedding 'face-1' from camera 'cam-1': embedding has 256 bytes, expected 128 float32 values (512 bytes)")]
    public void A_message_missing_what_the_matcher_needs_is_refused_with_the_reason(string broken, string reason)
    {
        var message = Message(UnitVectors.Unit(new Random(4)));
        switch (broken)
        {
            case "header": message.Header = null; break;
            case "time": message.Header.CaptureTime = null; break;
            case "embedder": message.Header.Models.Embedder = string.Empty; break;
            case "box": message.Bbox = null; break;
            case "dimension": message.Dimension = 64; break;
            case "bytes": message.Vector = EmbeddingVector.Pack(new float[64]); break;
        }

        var error = Assert.Throws<MessageRejectedException>(() => EmbeddingMessages.ToSighting(message));

        Assert.Equal(reason, error.Message);
    }

    private static FaceEmbedding Message(float[] embedding) => FaceMessages.Create("face-1", "cam-1", "track-1", At, embedding);
}
