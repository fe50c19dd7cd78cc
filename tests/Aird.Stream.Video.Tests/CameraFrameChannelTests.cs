using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Video.Tests;

public sealed class CameraFrameChannelTests
{
    private static readonly string[] Cameras = ["a", "a", "b", "a"];

    [Fact]
    public void When_the_consumer_is_behind_the_oldest_frames_are_dropped_disposed_and_counted_per_camera()
    {
        using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var health = new CameraHealthRegistry();
        health.Track("a");
        health.Track("b");
        var metrics = new CameraMetrics(meters.GetRequiredService<IMeterFactory>(), health);
        var channel = new CameraFrameChannel(Options.Create(new CamerasOptions { FrameQueueCapacity = 2 }), health, metrics);
        var sent = Cameras.Select((camera, i) => CameraFrame.Copy(camera, i, DateTimeOffset.UnixEpoch, 1, 1, [1, 2, 3])).ToList();

        sent.ForEach(channel.Publish);

        Assert.True(channel.Reader.TryRead(out var first));
        Assert.True(channel.Reader.TryRead(out var second));
        Assert.False(channel.Reader.TryRead(out _));
        Assert.Equal([2L, 3L], [first.Sequence, second.Sequence]);
        Assert.Equal((2L, 0L), (health.Get("a")!.FramesDropped, health.Get("b")!.FramesDropped));
        Assert.Throws<ObjectDisposedException>(() => sent[0].Bgr);
        Assert.Equal(3, second.Bgr.Length);
    }
}
