using System.Drawing;
using System.Globalization;
using System.Text.RegularExpressions;
using Aird.Stream.Testing;
using Aird.Stream.Video.Synthetic;

namespace Aird.Stream.Cli.Tests;

/// <summary><c>aird run</c> as a user runs it: the real broker in-process, real ffmpeg, real ONNX models and the
/// test PostgreSQL server.</summary>
public sealed partial class RunCommandTests(TestDatabase database) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aird-run-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_clip_runs_to_its_end_and_the_summary_counts_agree()
    {
        ClipPerson[] people =
        [
            new("George_W_Bush", 28, new PointF(80, 100), new PointF(560, 120), TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(4.5)),
            new("Colin_Powell", 36, new PointF(560, 260), new PointF(100, 250), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)),
        ];
        var clip = await SurveillanceClip.CreateAsync(
            Path.Combine(_folder, "two.mp4"), people, TimeSpan.FromSeconds(6), width: 640, height: 360, cancellationToken: Cancel);

        var (exitCode, stdout, stderr) = await AirdProcess.RunAsync(
            TimeSpan.FromMinutes(3),
            "run",
            "--until-drained",
            $"--Postgres:ConnectionString={database.ConnectionString}",
            "--Cameras:FrameQueueCapacity=100",
            "--Cameras:Items:0:Id=two",
            $"--Cameras:Items:0:Url={clip.Path}",
            "--Cameras:Items:0:Fps=5",
            "--Vision:Detector:IntraOpThreads=2");

        Assert.True(exitCode == 0, $"exit {exitCode}\n{stdout}\n{stderr}");
        Assert.Contains("every camera ended and the pipeline drained", stdout, StringComparison.Ordinal);
        var total = TotalRow().Match(stdout);
        Assert.True(total.Success, stdout);
        long Count(string name) => long.Parse(total.Groups[name].Value, CultureInfo.InvariantCulture);
        Assert.InRange(Count("frames"), 25, 31);
        Assert.True(Count("faces") >= Count("crops"), stdout);
        Assert.InRange(Count("crops"), 2, 40);
        Assert.Equal(Count("crops"), Count("sightings"));
        Assert.InRange(Count("tracks"), 2, Count("crops"));
        Assert.Equal(0, Count("alerts"));
        Assert.Contains("Alerts per subject: none.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_c_stops_a_looping_camera_and_still_prints_the_summary()
    {
        ClipPerson[] people = [new("Tony_Blair", 32, new PointF(100, 180), new PointF(500, 180), TimeSpan.Zero, TimeSpan.FromSeconds(2))];
        var clip = await SurveillanceClip.CreateAsync(
            Path.Combine(_folder, "loop.mp4"), people, TimeSpan.FromSeconds(2), width: 640, height: 360, cancellationToken: Cancel);
        await using var aird = AirdProcess.Start(
            "run",
            $"--Postgres:ConnectionString={database.ConnectionString}",
            "--Cameras:Items:0:Id=loop",
            $"--Cameras:Items:0:Url={clip.Path}",
            "--Cameras:Items:0:Fps=2",
            "--Cameras:Items:0:Loop=true");

        await Task.Delay(TimeSpan.FromSeconds(20), Cancel);
        await aird.InterruptAsync();
        var exitCode = await aird.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var stdout = await aird.ReadToEndAsync();

        Assert.True(exitCode == 0, $"exit {exitCode}\n{stdout}\n{await aird.StderrAsync()}");
        Assert.Contains("wall time, interrupted.", stdout, StringComparison.Ordinal);
        Assert.Matches(TotalRow(), stdout);
    }

    [Fact]
    public async Task No_cameras_is_one_clear_line_and_a_failing_exit_code()
    {
        var (exitCode, _, stderr) = await AirdProcess.RunAsync(
            "run", "--until-drained", $"--Postgres:ConnectionString={database.ConnectionString}");

        Assert.Equal(1, exitCode);
        Assert.Contains("aird run: no cameras: set Cameras:Items", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_database_is_one_clear_line_and_a_failing_exit_code()
    {
        var (exitCode, _, stderr) = await AirdProcess.RunAsync(
            "run",
            "--Postgres:ConnectionString=Host=127.0.0.1;Port=1;Username=aird;Password=x;Database=aird;Timeout=5",
            "--Cameras:Items:0:Id=door",
            "--Cameras:Items:0:Url=/nonexistent.mp4");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("aird run:", StringComparison.Ordinal));
        Assert.Contains("127.0.0.1:1", line, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^total\s+(?<frames>\d+)\s+(?<faces>\d+)\s+(?<tracks>\d+)\s+(?<crops>\d+)\s+(?<sightings>\d+)\s+(?<alerts>\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex TotalRow();
}
