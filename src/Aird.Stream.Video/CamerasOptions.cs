namespace Aird.Stream.Video;

/// <summary>The cameras to ingest and how their ffmpeg processes are supervised. Section <c>Cameras</c>.</summary>
public sealed class CamerasOptions
{
    public const string SectionName = "Cameras";

    /// <summary>The cameras; disabled ones are validated but not started.</summary>
    public IList<CameraOptions> Items { get; } = [];

    /// <summary>Wait before the first reconnect; it doubles with every failure in a row up to <see cref="ReconnectMaxMs"/>.</summary>
    public int ReconnectInitialMs { get; set; } = 1_000;

    public int ReconnectMaxMs { get; set; } = 30_000;

    /// <summary>
    /// How long probing may take and how long a connected camera may go without a frame before its ffmpeg is
    /// killed and the camera counts as failed (a stalled network stream never ends on its own).
    /// </summary>
    public int StallTimeoutMs { get; set; } = 10_000;

    /// <summary>
    /// Frames waiting for the consumer, all cameras together; when full the oldest is dropped. Read once at start.
    /// </summary>
    public int FrameQueueCapacity { get; set; } = 16;

    public string FfmpegPath { get; set; } = "ffmpeg";

    public string FfprobePath { get; set; } = "ffprobe";
}
