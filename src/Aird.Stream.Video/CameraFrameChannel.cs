using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Video;

/// <summary>
/// The frames of all cameras, for the consumer (the ingest worker) to read and dispose. Bounded by
/// <see cref="CamerasOptions.FrameQueueCapacity"/>: when the consumer is behind, the oldest frame is dropped (and
/// counted), because a late surveillance frame is worth less than the current one.
/// </summary>
public sealed class CameraFrameChannel
{
    private readonly Channel<CameraFrame> channel;
    private readonly CameraHealthRegistry health;
    private readonly CameraMetrics metrics;

    public CameraFrameChannel(IOptions<CamerasOptions> options, CameraHealthRegistry health, CameraMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.health = health;
        this.metrics = metrics;
        var bounded = new BoundedChannelOptions(Math.Max(1, options.Value.FrameQueueCapacity))
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleWriter = false,
            SingleReader = false,
        };
        channel = Channel.CreateBounded<CameraFrame>(bounded, OnDropped);
    }

    public ChannelReader<CameraFrame> Reader => channel.Reader;

    internal void Publish(CameraFrame frame)
    {
        if (!channel.Writer.TryWrite(frame))
        {
            OnDropped(frame);
        }
    }

    private void OnDropped(CameraFrame frame)
    {
        health.Dropped(frame.CameraId);
        metrics.FrameDropped(frame.CameraId);
        frame.Dispose();
    }
}
