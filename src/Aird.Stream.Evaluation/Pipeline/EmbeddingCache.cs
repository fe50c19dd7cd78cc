namespace Aird.Stream.Evaluation.Pipeline;

/// <summary>
/// Embeddings already computed for one model and one input variant (HR or s px), kept on disk so that a second
/// evaluation of the same model skips the work. The key names the model by the SHA-256 of its file, the way it
/// embeds (<c>mode</c>: plain, FaceBN streaming, mirror-fused) and the input variant; <see cref="PipelineVersion"/> invalidates every entry when detection, alignment or resampling change.
/// </summary>
public sealed class EmbeddingCache
{
    public const int PipelineVersion = 2;

    private readonly string folder;

    public EmbeddingCache(string cacheRoot, string modelSha256, string mode = "plain")
    {
        ArgumentException.ThrowIfNullOrEmpty(modelSha256);
        ArgumentException.ThrowIfNullOrEmpty(mode);
        folder = Path.Combine(cacheRoot, "eval", $"{modelSha256[..16]}-{mode}-p{PipelineVersion}");
    }

    public Dictionary<string, float[]> Load(string variant)
    {
        var entries = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var path = PathOf(variant);
        if (!File.Exists(path))
        {
            return entries;
        }

        using var reader = new BinaryReader(File.OpenRead(path));
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadString();
            var values = new float[reader.ReadInt32()];
            for (var d = 0; d < values.Length; d++)
            {
                values[d] = reader.ReadSingle();
            }

            entries[key] = values;
        }

        return entries;
    }

    public void Save(string variant, IReadOnlyDictionary<string, float[]> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Directory.CreateDirectory(folder);
        var path = PathOf(variant);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            writer.Write(entries.Count);
            foreach (var (key, values) in entries)
            {
                writer.Write(key);
                writer.Write(values.Length);
                foreach (var value in values)
                {
                    writer.Write(value);
                }
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    private string PathOf(string variant) => Path.Combine(folder, $"{variant}.bin");
}
