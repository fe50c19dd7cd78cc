using Aird.Stream.Contracts;
using Google.Protobuf;

namespace Aird.Stream.Contracts.Tests;

public class ContractValidationTests
{
    [Theory]
    [InlineData(0u)]
    [InlineData(SchemaVersions.Current + 1)]
    public void An_unknown_schema_version_is_rejected(uint version)
    {
        var crop = new FaceCrop { Header = new MessageHeader { SchemaVersion = version, CameraId = "cam" } };

        var error = Assert.Throws<ContractFormatException>(() => ContractCodec.Parse<FaceCrop>(crop.ToByteArray()));

        Assert.Contains($"schema version {version}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_without_a_header_is_rejected_as_version_zero()
    {
        var error = Assert.Throws<ContractFormatException>(
            () => ContractCodec.Parse<FaceEmbedding>(new FaceEmbedding { Dimension = 4 }.ToByteArray()));

        Assert.Contains("schema version 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_bytes_are_rejected_with_a_clear_error()
    {
        byte[] garbage = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F];

        var error = Assert.Throws<ContractFormatException>(() => ContractCodec.Parse<FaceCrop>(garbage));

        Assert.StartsWith("unparseable FaceCrop", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_embedding_whose_byte_count_does_not_match_its_dimension_is_rejected()
    {
        var packed = EmbeddingVector.Pack([1f, 2f, 3f]);

        var error = Assert.Throws<ContractFormatException>(() => EmbeddingVector.Unpack(packed, 4));

        Assert.Contains("expected 4 float32", error.Message, StringComparison.Ordinal);
    }
}
