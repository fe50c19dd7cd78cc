namespace Aird.Stream.Video;

/// <summary>A snapshot of one camera's state, taken by <see cref="CameraHealthRegistry"/>.</summary>
/// <param name="Fps">Frames delivered per second over the last few seconds.</param>
/// <param name="FramesDropped">Frames dropped because the consumer was behind.</param>
/// <param name="LastError">Why the last attempt failed (camera, URL without credentials, ffmpeg's words); null if none did.</param>
/// <param name="Reconnects">Attempts started after a failure.</param>
/// <param name="StateSince">When <paramref name="State"/> was entered.</param>
public sealed record CameraHealth(
    string CameraId,
    CameraState State,
    double Fps,
    long FramesTotal,
    long FramesDropped,
    DateTimeOffset? LastFrameTime,
    string? LastError,
    int Reconnects,
    DateTimeOffset StateSince);
