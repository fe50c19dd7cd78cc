using System.Diagnostics.Metrics;

namespace Aird.Stream.Video;

/// <summary>Per-camera counters and the fps gauge, on meter <see cref="MeterName"/>; every instrument is tagged <c>camera</c>.</summary>
public sealed class CameraMetrics
{
    public const string MeterName = "Aird.Stream.Video";

    private readonly Counter<long> frames;
    private readonly Counter<long> reconnects;
    private readonly Counter<long> dropped;

    public CameraMetrics(IMeterFactory meterFactory, CameraHealthRegistry health)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(health);
        var meter = meterFactory.Create(MeterName);
        frames = meter.CreateCounter<long>("aird.video.frames", "{frame}", "Frames decoded and handed to the consumer queue.");
        reconnects = meter.CreateCounter<long>("aird.video.reconnects", "{attempt}", "Attempts to reopen a camera after it failed or ended.");
        dropped = meter.CreateCounter<long>("aird.video.frames_dropped", "{frame}", "Frames dropped, oldest first, because the consumer was behind.");
        meter.CreateObservableGauge(
            "aird.video.fps",
            () => health.Snapshot().Select(h => new Measurement<double>(h.Fps, Tag(h.CameraId))),
            "{frame}/s",
            "Frames per second delivered over the last few seconds.");
    }

    internal void FrameDecoded(string cameraId) => frames.Add(1, Tag(cameraId));

    internal void Reconnect(string cameraId) => reconnects.Add(1, Tag(cameraId));

    internal void FrameDropped(string cameraId) => dropped.Add(1, Tag(cameraId));

    private static KeyValuePair<string, object?> Tag(string cameraId) => new("camera", cameraId);
}
