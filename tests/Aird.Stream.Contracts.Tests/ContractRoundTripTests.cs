using Aird.Stream.Contracts;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Aird.Stream.Contracts.Tests;

public class ContractRoundTripTests
{
    private static MessageHeader Header() => new()
    {
        SchemaVersion = SchemaVersions.Current,
        CameraId = "gate-3",
        CaptureTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 28, 17, 5, 1, 250, TimeSpan.Zero)),
        FaceId = "gate-3:17:1764349501250",
        TrackId = "17",
        Models = new ModelVersions { Detector = "blazeface-back-256@1.2.0", Embedder = "aird-student@1" },
    };

    [Fact]
    public void FaceCrop_survives_a_round_trip()
    {
        var crop = new FaceCrop
        {
            Header = Header(),
            Bbox = new BoundingBox { X = 812.5f, Y = 401, Width = 22, Height = 27 },
            DetectorScore = 0.91f,
            Quality = 0.66f,
            Encoding = ImageEncoding.Png,
            Image = ByteString.CopyFrom(1, 2, 3, 4),
            ImageWidth = 64,
            ImageHeight = 64,
            FrameWidth = 1920,
            FrameHeight = 1080,
        };
        crop.Keypoints.Add(new Point { X = 818, Y = 409 });
        crop.Keypoints.Add(new Point { X = 828, Y = 409.5f });

        var parsed = ContractCodec.Parse<FaceCrop>(ContractCodec.Serialize(crop));

        Assert.Equal(crop, parsed);
    }

    [Fact]
    public void FaceEmbedding_round_trips_its_packed_vector_bit_for_bit()
    {
        float[] vector = [0.5f, -0.25f, float.Epsilon, 1e-30f, -0f, 0.123456789f];
        var embedding = new FaceEmbedding
        {
            Header = Header(),
            Dimension = (uint)vector.Length,
            Vector = EmbeddingVector.Pack(vector),
            FacebnApplied = true,
        };

        var parsed = ContractCodec.Parse<FaceEmbedding>(ContractCodec.Serialize(embedding));
        var unpacked = EmbeddingVector.Unpack(parsed.Vector, parsed.Dimension);

        Assert.Equal(embedding, parsed);
        Assert.Equal(
            vector.Select(BitConverter.SingleToInt32Bits),
            unpacked.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Alert_survives_a_round_trip()
    {
        var alert = new Alert
        {
            Header = Header(),
            AlertId = "a-1",
            Kind = AlertKind.Match,
            WatchlistId = "vip",
            SubjectId = "s-42",
            Similarity = 0.71f,
            Margin = 0.2f,
            FirstSeen = Header().CaptureTime,
            LastSeen = Header().CaptureTime,
            Sightings = 3,
        };

        Assert.Equal(alert, ContractCodec.Parse<Alert>(ContractCodec.Serialize(alert)));
    }

    [Fact]
    public void DeadLetter_survives_a_round_trip()
    {
        var letter = new DeadLetter
        {
            SchemaVersion = SchemaVersions.Current,
            SourceTopic = "aird.faces.crops",
            SourcePartition = 3,
            SourceOffset = 1234,
            Key = ByteString.CopyFromUtf8("gate-3"),
            Payload = ByteString.CopyFrom(0xFF, 0x00),
            Reason = "unparseable FaceCrop",
            ErrorType = nameof(ContractFormatException),
            ConsumerGroup = "aird-recognizer",
            FailedAt = Timestamp.FromDateTime(DateTime.UnixEpoch),
        };

        Assert.Equal(letter, ContractCodec.Parse<DeadLetter>(ContractCodec.Serialize(letter)));
    }
}
