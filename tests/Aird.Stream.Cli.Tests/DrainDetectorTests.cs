using Aird.Stream.Cli.Pipeline;
using Aird.Stream.Video;

namespace Aird.Stream.Cli.Tests;

public class DrainDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_balanced_pipeline_is_drained_only_after_the_quiet_period()
    {
        var detector = Detector();
        var cameras = new[] { Camera("a", CameraState.Stopped, frames: 10, dropped: 1) };
        var counts = Counts(frames: 9, crops: 4, embedded: 3, rejected: 1, sightings: 2, embeddingsDead: 1);

        Assert.Equal(DrainState.Running, detector.Observe(cameras, counts, T0));
        Assert.Equal(DrainState.Running, detector.Observe(cameras, counts, T0.AddSeconds(1.9)));
        Assert.Equal(DrainState.Drained, detector.Observe(cameras, counts, T0.AddSeconds(2)));
    }

    [Theory]
    [InlineData(CameraState.Connected, 10, 4, 4, 4, "camera 'a' is Connected")]
    [InlineData(CameraState.Stopped, 9, 4, 4, 4, "camera 'a': 1 frame(s) not yet processed")]
    [InlineData(CameraState.Stopped, 10, 4, 3, 3, "1 crop(s) not yet embedded")]
    [InlineData(CameraState.Stopped, 10, 4, 4, 2, "2 embedding(s) not yet stored")]
    public void Work_in_flight_is_named_and_never_drained(CameraState state, long frames, long crops, long embedded, long sightings, string outstanding)
    {
        var detector = Detector();
        var cameras = new[] { Camera("a", state, frames: 10, dropped: 0) };
        var counts = Counts(frames, crops, embedded, rejected: 0, sightings, embeddingsDead: 0);

        Assert.Equal(outstanding, detector.Outstanding(cameras, counts));
        detector.Observe(cameras, counts, T0);
        Assert.Equal(DrainState.Running, detector.Observe(cameras, counts, T0.AddSeconds(5)));
    }

    [Fact]
    public void Any_movement_restarts_the_quiet_period_and_an_unbalanced_end_stalls_after_the_stall_period()
    {
        var detector = Detector();
        var cameras = new[] { Camera("a", CameraState.Stopped, frames: 10, dropped: 0) };

        detector.Observe(cameras, Counts(10, 4, 3, 0, 3, 0), T0);
        Assert.Equal(DrainState.Running, detector.Observe(cameras, Counts(10, 4, 3, 0, 3, 0), T0.AddSeconds(29)));
        Assert.Equal(DrainState.Running, detector.Observe(cameras, Counts(10, 5, 3, 0, 3, 0), T0.AddSeconds(29.5)));
        Assert.Equal(DrainState.Running, detector.Observe(cameras, Counts(10, 5, 3, 0, 3, 0), T0.AddSeconds(59)));
        Assert.Equal(DrainState.Stalled, detector.Observe(cameras, Counts(10, 5, 3, 0, 3, 0), T0.AddSeconds(59.5)));
    }

    [Fact]
    public void Without_cameras_nothing_is_ever_drained()
    {
        var detector = Detector();
        var counts = Counts(0, 0, 0, 0, 0, 0);

        detector.Observe([], counts, T0);

        Assert.Equal(DrainState.Running, detector.Observe([], counts, T0.AddMinutes(5)));
        Assert.Equal("no camera has started", detector.Outstanding([], counts));
    }

    private static DrainDetector Detector() => new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), "crops", "embeddings");

    private static CameraHealth Camera(string id, CameraState state, long frames, long dropped) =>
        new(id, state, 0, frames, dropped, null, null, 0, T0);

    private static PipelineCounts Counts(long frames, long crops, long embedded, long rejected, long sightings, long embeddingsDead) => new(
        new Dictionary<string, long> { ["a"] = frames + 1 },
        new Dictionary<string, long>(),
        new Dictionary<string, long> { ["a"] = frames },
        new Dictionary<string, long> { ["a"] = crops },
        new Dictionary<string, long> { ["a"] = crops },
        embedded,
        rejected,
        sightings,
        new Dictionary<string, long> { ["embeddings"] = embeddingsDead },
        new Dictionary<string, TimeSpan>());
}
