using System.Buffers.Binary;
using Google.Protobuf;

namespace Aird.Stream.Contracts;

/// <summary>Packs and unpacks embeddings as little-endian float32 bytes, the wire form of <see cref="FaceEmbedding.Vector"/>.</summary>
public static class EmbeddingVector
{
    public static ByteString Pack(ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }

        return ByteString.CopyFrom(bytes);
    }

    /// <exception cref="ContractFormatException">The byte count does not match <paramref name="dimension"/>.</exception>
    public static float[] Unpack(ByteString packed, uint dimension)
    {
        ArgumentNullException.ThrowIfNull(packed);
        if (packed.Length != dimension * sizeof(float))
        {
            throw new ContractFormatException(
                $"embedding has {packed.Length} bytes, expected {dimension} float32 values ({dimension * sizeof(float)} bytes)");
        }

        var span = packed.Span;
        var values = new float[dimension];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(span[(i * sizeof(float))..]);
        }

        return values;
    }
}
