using System.Security.Cryptography;
using Aird.Stream.Models.FaceApi;
using Onnx;

namespace Aird.Stream.Models.Teacher;

/// <summary>
/// The teacher embedder: face-api's dlib ResNet (@vladmandic/face-api 1.7.15) converted to ONNX by our own code.
/// Input <see cref="InputName"/>: float32 NCHW [N, 3, 150, 150], RGB in 0..255 (the raw chip pixels; the model
/// normalises inside, as face-api does, so no caller can get the constants wrong). Output <see cref="OutputName"/>:
/// float32 [N, 128], not L2-normalised (as face-api).
/// </summary>
public static class TeacherModel
{
    public const string InputName = "input";
    public const string OutputName = "embedding";
    public const int InputSize = 150;
    public const int EmbeddingSize = 128;

    /// <summary>Metadata key holding the SHA-256 of the source .bin weights the ONNX file was made from.</summary>
    public const string SourceWeightsSha256Key = "source_weights_sha256";

    // Bump when the exporter's output changes so that cached conversions are redone.
    private const string ConverterVersion = "1";
    private const string ConverterVersionKey = "converter_version";
    private const string SourceManifestSha256Key = "source_manifest_sha256";

    /// <summary>
    /// Returns the path of the converted model under <paramref name="cacheDirectory"/> (the repository's .cache/),
    /// converting first when it is missing or was made from other weights or by another converter version.
    /// The source is what deploy/setup.sh unpacks: models/@vladmandic/face-api/model/face_recognition_model*.
    /// </summary>
    /// <exception cref="FileNotFoundException">The face-api weights are not there (run deploy/setup.sh).</exception>
    /// <exception cref="InvalidDataException">The weights do not have the expected layout.</exception>
    public static string EnsureConverted(string cacheDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(cacheDirectory);
        var modelFolder = Path.Combine(cacheDirectory, "models", "@vladmandic", "face-api", "model");
        var manifestPath = Path.Combine(modelFolder, "face_recognition_model-weights_manifest.json");
        var weightsPath = Path.Combine(modelFolder, "face_recognition_model.bin");
        foreach (var path in new[] { manifestPath, weightsPath })
        {
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"The teacher's source weights '{path}' are missing: run deploy/setup.sh to fetch them.", path);
            }
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["source"] = "@vladmandic/face-api model/face_recognition_model (dlib ResNet)",
            [SourceManifestSha256Key] = Sha256(manifestPath),
            [SourceWeightsSha256Key] = Sha256(weightsPath),
            [ConverterVersionKey] = ConverterVersion,
            ["input"] = $"{InputName}: float32 NCHW [N,3,{InputSize},{InputSize}] RGB 0..255",
            ["output"] = $"{OutputName}: float32 [N,{EmbeddingSize}] not normalised",
        };

        var target = Path.Combine(cacheDirectory, "models", "teacher", "dlib_resnet_teacher.onnx");
        if (IsUpToDate(target, metadata))
        {
            return target;
        }

        var bytes = DlibResNetOnnxExporter.Export(FaceApiWeights.Load(manifestPath), metadata);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        // Write then rename: a reader (another test process, the service) never sees a half-written model.
        var temporary = $"{target}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, target, overwrite: true);
        return target;
    }

    private static bool IsUpToDate(string target, Dictionary<string, string> expected)
    {
        if (!File.Exists(target))
        {
            return false;
        }

        try
        {
            using var stream = File.OpenRead(target);
            var actual = ModelProto.Parser.ParseFrom(stream).MetadataProps.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            return expected.All(kv => actual.TryGetValue(kv.Key, out var value) && value == kv.Value);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            // A damaged cache file is simply rebuilt.
            return false;
        }
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
