using Aird.Stream.Contracts;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Aird.Stream.Matching.Tests;

/// <summary>Complete <see cref="FaceEmbedding"/> messages as the recognizer publishes them.</summary>
internal static class FaceMessages
{
    public static FaceEmbedding Create(string faceId, string camera, string track, DateTimeOffset at, float[] embedding) => new()
    {
        Header = new MessageHeader
        {
            SchemaVersion = SchemaVersions.Current,
            CameraId = camera,
            CaptureTime = Timestamp.FromDateTimeOffset(at),
            FaceId = faceId,
            TrackId = track,
            Models = new ModelVersions { Detector = "blazeface-test", Embedder = Enrollment.Model },
        },
        Bbox = new BoundingBox { X = 10, Y = 20, Width = 24, Height = 30 },
        Quality = 0.7f,
        Dimension = (uint)embedding.Length,
        Vector = EmbeddingVector.Pack(embedding),
    };
}
