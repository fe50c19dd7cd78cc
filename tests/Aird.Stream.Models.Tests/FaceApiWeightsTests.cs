using Aird.Stream.Models.FaceApi;
using Aird.Stream.Testing;

namespace Aird.Stream.Models.Tests;

public sealed class FaceApiWeightsTests : IDisposable
{
    private const string TwoTensorManifest = """
        [{"paths": ["part1.bin", "part2.bin"], "weights": [
          {"name": "q", "shape": [2, 2], "dtype": "float32", "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1.0}},
          {"name": "f", "shape": [3], "dtype": "float32"}]}]
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("aird-weights-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Uint8_tensors_are_dequantised_as_min_plus_scale_times_q_and_float32_read_as_is_across_shards()
    {
        // q straddles nothing; f starts in part1 and ends in part2: shards are one byte stream.
        var floats = new[] { 1.5f, -2.25f, 3e-7f }.SelectMany(BitConverter.GetBytes).ToArray();
        var bytes = new byte[] { 0, 1, 2, 255 }.Concat(floats).ToArray();
        var manifest = Write(TwoTensorManifest, bytes[..6], bytes[6..]);

        var weights = FaceApiWeights.Load(manifest);

        Assert.Equal(["q", "f"], weights.Tensors.Select(t => t.Name));
        Assert.Equal([2, 2], weights.Get("q").Shape);
        Assert.Equal([-1f, -0.5f, 0f, 126.5f], weights.Get("q").Values.ToArray());
        Assert.Equal([1.5f, -2.25f, 3e-7f], weights.Get("f").Values.ToArray());
    }

    [Fact]
    public void A_truncated_file_is_rejected_naming_the_tensor_that_does_not_fit()
    {
        var manifest = Write(TwoTensorManifest, new byte[4], new byte[11]);

        var error = Assert.Throws<InvalidDataException>(() => FaceApiWeights.Load(manifest));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Contains("'f'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_left_after_the_last_tensor_mean_the_manifest_does_not_match()
    {
        var manifest = Write(TwoTensorManifest, new byte[4], new byte[13]);

        var error = Assert.Throws<InvalidDataException>(() => FaceApiWeights.Load(manifest));

        Assert.Contains("does not belong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_quantisation_and_malformed_manifests_are_clear_errors()
    {
        var uint16 = Write(TwoTensorManifest.Replace("uint8", "uint16", StringComparison.Ordinal), new byte[8], new byte[12]);
        Assert.Contains("uint16", Assert.Throws<InvalidDataException>(() => FaceApiWeights.Load(uint16)).Message, StringComparison.Ordinal);

        var notJson = Write("{ not json", new byte[1], new byte[1]);
        Assert.Contains("not a TF.js weights manifest", Assert.Throws<InvalidDataException>(() => FaceApiWeights.Load(notJson)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_tensor_name_is_a_clear_error()
    {
        var weights = FaceApiWeights.Load(Write(TwoTensorManifest, new byte[4], new byte[12]));

        var error = Assert.Throws<KeyNotFoundException>(() => weights.Get("conv/filters"));

        Assert.Contains("conv/filters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_face_api_recogniser_has_117_tensors_and_5_6_million_parameters()
    {
        var folder = RepositoryPaths.RequireFaceApiModel();

        var weights = FaceApiWeights.Load(Path.Combine(folder, "face_recognition_model-weights_manifest.json"));

        Assert.Equal(117, weights.Tensors.Count);
        Assert.InRange(weights.Tensors.Sum(t => t.Values.Length), 5_500_000, 5_700_000);
        Assert.Equal([3, 3, 64, 64], weights.Get("conv64_1/conv1/conv/filters").Shape);
        Assert.Equal([256, 128], weights.Get("fc").Shape);
    }

    private string Write(string manifest, byte[] part1, byte[] part2)
    {
        File.WriteAllBytes(Path.Combine(_folder, "part1.bin"), part1);
        File.WriteAllBytes(Path.Combine(_folder, "part2.bin"), part2);
        var path = Path.Combine(_folder, "manifest.json");
        File.WriteAllText(path, manifest);
        return path;
    }
}
