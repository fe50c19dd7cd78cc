using System.Buffers.Binary;
using System.Text.Json;

namespace Aird.Stream.Models.FaceApi;

/// <summary>
/// Reads a face-api model (TF.js weights manifest + binary shards) into named float32 tensors, decoding exactly as
/// TF.js's <c>tf.io.decodeWeights</c> does so that a converted model sees the very numbers the original runs with.
/// </summary>
public sealed class FaceApiWeights
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private readonly Dictionary<string, FaceApiTensor> _byName;

    private FaceApiWeights(List<FaceApiTensor> tensors)
    {
        Tensors = tensors;
        _byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>All tensors in manifest order.</summary>
    public IReadOnlyList<FaceApiTensor> Tensors { get; }

    /// <exception cref="KeyNotFoundException">The model has no tensor of that name.</exception>
    public FaceApiTensor Get(string name) =>
        _byName.TryGetValue(name, out var tensor)
            ? tensor
            : throw new KeyNotFoundException($"The face-api weights have no tensor '{name}'.");

    /// <summary>Loads the manifest and the shard files it names (relative to the manifest's folder).</summary>
    /// <exception cref="InvalidDataException">The manifest is malformed or does not match the shard files.</exception>
    public static FaceApiWeights Load(string manifestPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(manifestPath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        WeightsManifestGroup[]? groups;
        try
        {
            groups = JsonSerializer.Deserialize<WeightsManifestGroup[]>(File.ReadAllBytes(manifestPath), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{manifestPath}' is not a TF.js weights manifest: {e.Message}", e);
        }

        if (groups is null || groups.Length == 0)
        {
            throw new InvalidDataException($"'{manifestPath}' lists no weight groups.");
        }

        var tensors = new List<FaceApiTensor>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            if (group.Paths is not { Length: > 0 } || group.Weights is null)
            {
                throw new InvalidDataException($"'{manifestPath}' has a weight group without paths or weights.");
            }

            // A group's shards are one byte stream split into files; tensors may straddle shard boundaries.
            var data = group.Paths.SelectMany(p => File.ReadAllBytes(Path.Combine(folder, p))).ToArray();
            var source = string.Join(" + ", group.Paths);
            var offset = 0;
            foreach (var entry in group.Weights)
            {
                var tensor = Decode(entry, data, ref offset, source);
                if (!names.Add(tensor.Name))
                {
                    throw new InvalidDataException($"'{manifestPath}' lists tensor '{tensor.Name}' twice.");
                }

                tensors.Add(tensor);
            }

            if (offset != data.Length)
            {
                throw new InvalidDataException(
                    $"'{source}' has {data.Length} bytes but the manifest describes {offset}: "
                    + "the manifest does not belong to these weights.");
            }
        }

        return new FaceApiWeights(tensors);
    }

    private static FaceApiTensor Decode(WeightsManifestEntry entry, byte[] data, ref int offset, string source)
    {
        if (string.IsNullOrEmpty(entry.Name) || entry.Shape is null || entry.Shape.Any(d => d < 0))
        {
            throw new InvalidDataException($"'{source}': a manifest entry lacks a name or a valid shape.");
        }

        if (entry.Dtype != "float32")
        {
            throw new InvalidDataException($"Tensor '{entry.Name}' has dtype '{entry.Dtype}'; only float32 is supported.");
        }

        var count = entry.Shape.Aggregate(1L, (product, d) => product * d);
        var quantization = entry.Quantization;
        var bytesPerValue = quantization switch
        {
            null => sizeof(float),
            { Dtype: "uint8" } => 1,
            _ => throw new InvalidDataException(
                $"Tensor '{entry.Name}' is quantised as '{quantization.Dtype}'; only uint8 is supported."),
        };

        var end = offset + (count * bytesPerValue);
        if (end > data.Length)
        {
            throw new InvalidDataException(
                $"'{source}' is truncated: it has {data.Length} bytes but tensor '{entry.Name}' needs bytes {offset}..{end}.");
        }

        var values = new float[count];
        var bytes = data.AsSpan(offset, (int)(end - offset));
        if (quantization is null)
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * sizeof(float))..]);
            }
        }
        else
        {
            // Same arithmetic as TF.js: q * scale + min in double precision, then stored as float32.
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = (float)((bytes[i] * quantization.Scale) + quantization.Min);
            }
        }

        offset = (int)end;
        return new FaceApiTensor(entry.Name, entry.Shape, values);
    }
}
