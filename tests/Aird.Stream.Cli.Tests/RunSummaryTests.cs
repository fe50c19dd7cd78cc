using Aird.Stream.Cli.Pipeline;

namespace Aird.Stream.Cli.Tests;

public class RunSummaryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_summary_has_a_row_per_camera_a_total_and_the_alerts_per_subject()
    {
        var counts = new PipelineCounts(
            new Dictionary<string, long> { ["a"] = 10, ["b"] = 20 },
            new Dictionary<string, long> { ["b"] = 1 },
            new Dictionary<string, long> { ["a"] = 10, ["b"] = 20 },
            new Dictionary<string, long> { ["a"] = 5, ["b"] = 7 },
            new Dictionary<string, long> { ["a"] = 2, ["b"] = 3 },
            Embedded: 5,
            Rejected: 0,
            Sightings: 5,
            new Dictionary<string, long>(),
            new Dictionary<string, TimeSpan>());
        ReceivedAlert[] alerts =
        [
            new("a", "f1", T0, T0.AddSeconds(1), "vip", "Ann Lee", 0.71f),
            new("b", "f2", T0, T0.AddSeconds(2), "vip", "Ann Lee", 0.65f),
        ];
        var result = new PipelineRunResult(
            ["b", "a"],
            counts,
            new Dictionary<string, CameraSightings> { ["a"] = new(2, 1), ["b"] = new(3, 2) },
            alerts,
            TimeSpan.FromSeconds(12.34),
            DrainState.Drained);

        var lines = RunSummary.Format(result).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal("Summary: 12.3 s wall time, every camera ended and the pipeline drained.", lines[0]);
        Assert.Equal(["camera", "frames", "faces", "tracks", "crops", "sightings", "alerts"], Cells(lines[1]));
        Assert.Equal(["a", "10", "5", "1", "2", "2", "1"], Cells(lines[2]));
        Assert.Equal(["b", "21", "7", "2", "3", "3", "1"], Cells(lines[3]));
        Assert.Equal(["total", "31", "12", "3", "5", "5", "2"], Cells(lines[4]));
        Assert.Equal(["Ann", "Lee", "vip", "2", "a,b", "0.710"], Cells(lines[^1]));
        Assert.Equal(
            "ALERT 2026-01-01T12:00:00.000Z camera=a watchlist=vip subject=Ann Lee similarity=0.710",
            alerts[0].ToLine());
    }

    private static string[] Cells(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
