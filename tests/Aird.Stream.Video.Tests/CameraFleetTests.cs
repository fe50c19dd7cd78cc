using Aird.Stream.Video.Tests.Support;

namespace Aird.Stream.Video.Tests;

/// <summary>The fleet supervising cameras that fail in different ways, next to one that works.</summary>
public sealed class CameraFleetTests(TestClips clips) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string camerasJson = Path.Combine(clips.Directory, $"cameras-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(camerasJson);

    [Fact]
    public async Task Broken_and_unreachable_cameras_back_off_and_retry_while_a_good_one_keeps_flowing()
    {
        TestFleet.WriteCameras(
            camerasJson,
            new { Id = "good", Url = clips.OneSecond160, Fps = 10, Loop = true },
            new { Id = "once", Url = clips.OneSecond160, Fps = 10 },
            new { Id = "corrupt", Url = clips.Corrupt },
            new { Id = "rtsp-down", Url = $"rtsp://127.0.0.1:{FreePort.Get()}/x" },
            new { Id = "http-down", Url = $"http://127.0.0.1:{FreePort.Get()}/" });
        await using var fleet = await TestFleet.StartAsync(camerasJson);

        foreach (var id in new[] { "corrupt", "rtsp-down", "http-down" })
        {
            await Eventually.HoldsAsync(() => fleet.HealthOf(id).Reconnects >= 3, Patience, () => $"{fleet.HealthOf(id)} retrying");
            var health = fleet.HealthOf(id);
            Assert.NotEqual(CameraState.Connected, health.State);
            Assert.Equal(0, health.FramesTotal);
            Assert.Contains($"Camera '{id}'", health.LastError, StringComparison.Ordinal);
        }

        Assert.Contains("Invalid data found when processing input", fleet.HealthOf("corrupt").LastError, StringComparison.Ordinal);
        Assert.Contains("Connection refused", fleet.HealthOf("rtsp-down").LastError, StringComparison.Ordinal);
        var before = fleet.HealthOf("good").FramesTotal;
        await Eventually.HoldsAsync(() => fleet.HealthOf("good").FramesTotal >= before + 15, Patience, () => $"{fleet.HealthOf("good")} flowing");
        var good = fleet.HealthOf("good");
        Assert.Equal((CameraState.Connected, 0, (string?)null), (good.State, good.Reconnects, good.LastError));
        Assert.InRange(good.Fps, 5, 15);
        // Nobody reads the queue of 4: the oldest frames were dropped and counted, the newest are kept.
        Assert.True(good.FramesDropped > 0, good.ToString());
        Assert.True(fleet.Frames.Reader.Count <= 4);

        // A file without Loop plays once and stops, which is no failure.
        await Eventually.HoldsAsync(() => fleet.HealthOf("once").State == CameraState.Stopped, Patience, () => $"{fleet.HealthOf("once")} finished");
        var once = fleet.HealthOf("once");
        Assert.Equal((0, (string?)null), (once.Reconnects, once.LastError));
        Assert.InRange(once.FramesTotal, 9, 11);

        Assert.True(fleet.Metrics.Total("aird.video.frames", "good") >= 15);
        Assert.Equal(once.FramesTotal, fleet.Metrics.Total("aird.video.frames", "once"));
        Assert.True(fleet.Metrics.Total("aird.video.frames_dropped", "good") > 0);
        Assert.True(fleet.Metrics.Total("aird.video.reconnects", "corrupt") >= 3);
        Assert.Equal(0, fleet.Metrics.Total("aird.video.reconnects", "good"));
    }

    [Fact]
    public async Task A_stream_that_stops_midway_is_noticed_and_reconnected_when_the_camera_is_back()
    {
        var server = new MjpegServer(clips.Jpegs, port: 0);
        var port = server.Port;
        TestFleet.WriteCameras(camerasJson, new { Id = "mjpeg", Url = server.Url, Fps = 5 });
        await using var fleet = await TestFleet.StartAsync(camerasJson);
        CameraHealth Mjpeg() => fleet.HealthOf("mjpeg");

        try
        {
            await Eventually.HoldsAsync(() => Mjpeg().FramesTotal >= 10, Patience, () => $"{Mjpeg()} connected");
            Assert.Equal(CameraState.Connected, Mjpeg().State);
            // 5 of the server's 10 JPEGs per second: MJPEG has no timestamps, so this needs ffmpeg's wall-clock ones.
            Assert.InRange(Mjpeg().Fps, 3.5, 6.5);
            using var frame = await fleet.Frames.Reader.ReadAsync(TestContext.Current.CancellationToken);
            Assert.Equal(("mjpeg", 160 * 120 * 3), (frame.CameraId, frame.Bgr.Length));
        }
        finally
        {
            await server.DisposeAsync();
        }

        await Eventually.HoldsAsync(() => Mjpeg().Reconnects >= 2, Patience, () => $"{Mjpeg()} noticing the outage");
        var down = Mjpeg();
        Assert.NotEqual(CameraState.Connected, down.State);
        Assert.Contains("Camera 'mjpeg'", down.LastError, StringComparison.Ordinal);

        await using var back = new MjpegServer(clips.Jpegs, port);
        await Eventually.HoldsAsync(
            () => Mjpeg() is { State: CameraState.Connected } h && h.FramesTotal >= down.FramesTotal + 5, Patience, () => $"{Mjpeg()} reconnected");
    }
}
