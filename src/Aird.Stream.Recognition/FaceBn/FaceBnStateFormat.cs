using System.Buffers.Binary;
using System.Text;

namespace Aird.Stream.Recognition.FaceBn;

/// <summary>
/// The stored form of a <see cref="FaceBnState"/>, little-endian:
/// magic "AFBN", uint16 format version, int32 length + UTF-8 model version, int64 faces seen, int32 layer count,
/// then per layer int32 C, C float64 means, C float64 variances.
/// </summary>
/// <remarks>
/// The camera id is not stored: it is the key the blob is stored under. The model version and every layer's
/// channel count are, so that a state saved for other weights is refused rather than silently mis-normalising.
/// Doubles are stored as they are, so a round trip is exact.
/// </remarks>
internal static class FaceBnStateFormat
{
    public const ushort FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => "AFBN"u8;

    public static byte[] Write(FaceBnState state)
    {
        var model = state.Model;
        var version = Encoding.UTF8.GetBytes(model.Version);
        var size = Magic.Length + sizeof(ushort) + sizeof(int) + version.Length + sizeof(long) + sizeof(int)
            + model.Layers.Sum(l => sizeof(int) + (2 * sizeof(double) * l.Channels));
        var blob = new byte[size];
        var span = blob.AsSpan();
        Magic.CopyTo(span);
        var at = Magic.Length;
        BinaryPrimitives.WriteUInt16LittleEndian(span[at..], FormatVersion);
        at += sizeof(ushort);
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], version.Length);
        at += sizeof(int);
        version.CopyTo(span[at..]);
        at += version.Length;
        BinaryPrimitives.WriteInt64LittleEndian(span[at..], state.FacesSeen);
        at += sizeof(long);
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], model.Layers.Count);
        at += sizeof(int);
        for (var l = 0; l < model.Layers.Count; l++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], model.Layers[l].Channels);
            at += sizeof(int);
            at = WriteDoubles(span, at, state.RunningMean(l));
            at = WriteDoubles(span, at, state.RunningVariance(l));
        }

        return blob;
    }

    public static FaceBnState Read(string cameraId, FaceBnModel model, ReadOnlySpan<byte> blob)
    {
        var reader = new Reader(blob, cameraId);
        if (!reader.Take(Magic.Length, "magic").SequenceEqual(Magic))
        {
            throw reader.Error("it does not start with the FaceBN magic \"AFBN\"");
        }

        var format = BinaryPrimitives.ReadUInt16LittleEndian(reader.Take(sizeof(ushort), "format version"));
        if (format != FormatVersion)
        {
            throw reader.Error($"format version {format} is not supported (this build reads {FormatVersion})");
        }

        var versionLength = BinaryPrimitives.ReadInt32LittleEndian(reader.Take(sizeof(int), "model version length"));
        if (versionLength < 0)
        {
            throw reader.Error($"the model version length {versionLength} is negative");
        }

        var version = Encoding.UTF8.GetString(reader.Take(versionLength, "model version"));
        if (version != model.Version)
        {
            throw reader.Error($"it belongs to model version '{version}', not '{model.Version}'");
        }

        var facesSeen = BinaryPrimitives.ReadInt64LittleEndian(reader.Take(sizeof(long), "faces seen"));
        if (facesSeen < 0)
        {
            throw reader.Error($"faces seen {facesSeen} is negative");
        }

        var layers = BinaryPrimitives.ReadInt32LittleEndian(reader.Take(sizeof(int), "layer count"));
        if (layers != model.Layers.Count)
        {
            throw reader.Error($"it has {layers} BatchNorm layers, model '{model.Version}' has {model.Layers.Count}");
        }

        var mean = new double[layers][];
        var variance = new double[layers][];
        for (var l = 0; l < layers; l++)
        {
            var channels = BinaryPrimitives.ReadInt32LittleEndian(reader.Take(sizeof(int), $"bn{l} channel count"));
            if (channels != model.Layers[l].Channels)
            {
                throw reader.Error($"bn{l} has {channels} channels, the model's has {model.Layers[l].Channels}");
            }

            mean[l] = reader.Doubles(channels, $"bn{l} means");
            variance[l] = reader.Doubles(channels, $"bn{l} variances");
            if (mean[l].Any(v => !double.IsFinite(v)) || variance[l].Any(v => !double.IsFinite(v) || v < 0))
            {
                throw reader.Error($"bn{l} holds a non-finite mean or a negative or non-finite variance");
            }
        }

        if (!reader.AtEnd)
        {
            throw reader.Error("it has bytes after the last layer");
        }

        return new FaceBnState(cameraId, model, facesSeen, mean, variance);
    }

    private static int WriteDoubles(Span<byte> span, int at, ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(span[at..], v);
            at += sizeof(double);
        }

        return at;
    }

    private ref struct Reader(ReadOnlySpan<byte> blob, string cameraId)
    {
        private readonly ReadOnlySpan<byte> _blob = blob;
        private int _at;

        public readonly bool AtEnd => _at == _blob.Length;

        public ReadOnlySpan<byte> Take(int count, string what)
        {
            if (count > _blob.Length - _at)
            {
                throw Error($"it is truncated: {_blob.Length} bytes end inside the {what}");
            }

            var taken = _blob.Slice(_at, count);
            _at += count;
            return taken;
        }

        public double[] Doubles(int count, string what)
        {
            // Checked against the remaining bytes before allocating, so a damaged count cannot ask for gigabytes.
            var bytes = Take(checked(count * sizeof(double)), what);
            var values = new double[count];
            for (var i = 0; i < count; i++)
            {
                values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * sizeof(double))..]);
            }

            return values;
        }

        public readonly FaceBnStateFormatException Error(string why) =>
            new($"The FaceBN state of camera '{cameraId}' cannot be used: {why}.");
    }
}
