using System.Text.Json;
using Aird.Stream.Cli.Benchmarks;
using Aird.Stream.Models.Runtime;
using Aird.Stream.Testing;

namespace Aird.Stream.Cli.Tests;

public sealed class BenchCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("aird-bench-");

    [Fact]
    public async Task Bench_embed_measures_the_teacher_on_lfw_chips_and_writes_the_json_report()
    {
        RepositoryPaths.RequireFaceApiModel();
        var json = Path.Combine(_folder.FullName, "embed.json");

        var (exitCode, stdout, stderr) = await AirdProcess.RunAsync(
            "bench", "embed", "--seconds", "1", "--batch", "1,4", "--provider", "cpu", "--json", json);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("centre crops of images under", stdout, StringComparison.Ordinal);
        Assert.Contains("runs on the Cpu execution provider", stderr, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
        var root = report.RootElement;
        Assert.Equal("embed", root.GetProperty("name").GetString());
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("machine").GetProperty("cores").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("machine").GetProperty("cpu").GetString()));
        Assert.False(root.GetProperty("chips").GetProperty("synthetic").GetBoolean());
        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([1, 4], rows.Select(r => r.GetProperty("batch").GetInt32()));
        Assert.All(rows, row =>
        {
            Assert.Equal("teacher", row.GetProperty("model").GetString());
            Assert.Equal("cpu", row.GetProperty("provider").GetString());
            Assert.True(row.GetProperty("faces_per_second").GetDouble() > 0);
            Assert.True(row.GetProperty("ms_per_batch_p95").GetDouble() >= row.GetProperty("ms_per_batch_p50").GetDouble());
            Assert.True(row.GetProperty("batches").GetInt32() >= 5);
        });
    }

    [Fact]
    public async Task Without_images_the_chips_are_synthetic_and_the_output_says_so()
    {
        RepositoryPaths.RequireFaceApiModel();

        var (exitCode, stdout, stderr) = await AirdProcess.RunAsync(
            "bench", "embed", "--seconds", "0.1", "--batch", "2", "--provider", "cpu", "--images", _folder.FullName);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("synthetic random pixels: no readable image under", stdout, StringComparison.Ordinal);
        Assert.Matches(@"teacher\s+CPU\s+2\s+\d", stdout);
    }

    [Theory]
    [InlineData("--batch", "1,0", "--batch '1,0' is not a comma-separated list of batch sizes from 1 to 4096.")]
    [InlineData("--seconds", "0", "--seconds must be more than 0 and at most 3600.")]
    [InlineData("--model", "/nonexistent/model.onnx", "aird bench embed: The model '/nonexistent/model.onnx' does not exist.")]
    [InlineData("--images", "/nonexistent/images", "aird bench embed: The image folder '/nonexistent/images' does not exist.")]
    public async Task Bad_options_are_a_clear_error(string option, string value, string error)
    {
        var (exitCode, _, stderr) = await AirdProcess.RunAsync("bench", "embed", "--provider", "cpu", option, value);

        Assert.Equal(1, exitCode);
        Assert.Contains(error, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_an_onnx_model_is_a_one_line_error()
    {
        var path = Path.Combine(_folder.FullName, "broken.onnx");
        await File.WriteAllTextAsync(path, "not a model", TestContext.Current.CancellationToken);

        var (exitCode, _, stderr) = await AirdProcess.RunAsync("bench", "embed", "--provider", "cpu", "--model", path);

        Assert.Equal(1, exitCode);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("aird bench embed: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Chips_of_lfw_images_are_exactly_the_centre_crops_the_model_tests_use()
    {
        var person = Path.Combine(RepositoryPaths.Lfw, "lfw-deepfunneled", "Abdullah_Gul");

        var chips = BenchChips.Load(person, chipSize: 150, count: 2);

        Assert.Equal(new ChipSource($"centre crops of images under {person}", 2, Synthetic: false), chips.Source);
        Assert.Equal(LfwChips.CentreCrop("Abdullah_Gul", 1), chips.Chips[0].ToArray());
        Assert.Equal(LfwChips.CentreCrop("Abdullah_Gul", 2), chips.Chips[1].ToArray());
    }

    [Fact]
    public void Chips_are_resized_to_the_model_input_size()
    {
        var chips = BenchChips.Load(Path.Combine(RepositoryPaths.Lfw, "lfw-deepfunneled", "AJ_Lamas"), chipSize: 64, count: 8);

        var chip = Assert.Single(chips.Chips);
        Assert.Equal(64 * 64 * 3, chip.Length);
    }

    [Fact]
    public void Latency_percentiles_are_nearest_rank()
    {
        var summary = LatencySummary.From([.. Enumerable.Range(1, 20).Select(i => (double)(21 - i))]);

        Assert.Equal(new LatencySummary(P50Ms: 10, P95Ms: 19), summary);
    }

    [Fact]
    public void Ratios_pair_rows_of_the_same_provider_and_batch()
    {
        EmbedBenchRow Row(string model, OnnxExecutionProvider provider, int batch, double facesPerSecond) =>
            new(model, provider, batch, Batches: 5, Seconds: 1, facesPerSecond, MsPerBatchP50: 1, MsPerBatchP95: 1, MsPerFace: 1);

        var ratios = EmbedRatio.Between(
            [
                Row("teacher", OnnxExecutionProvider.Cpu, 1, 50),
                Row("student", OnnxExecutionProvider.Cpu, 1, 200),
                Row("teacher", OnnxExecutionProvider.Cpu, 32, 100),
                Row("student", OnnxExecutionProvider.Cpu, 32, 250),
                Row("teacher", OnnxExecutionProvider.Cuda, 32, 1000),
            ],
            baseline: "teacher",
            model: "student");

        Assert.Equal(
            [
                new EmbedRatio("student", "teacher", OnnxExecutionProvider.Cpu, 1, 4),
                new EmbedRatio("student", "teacher", OnnxExecutionProvider.Cpu, 32, 2.5),
            ],
            ratios);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
