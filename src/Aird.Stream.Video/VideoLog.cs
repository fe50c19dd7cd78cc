using Microsoft.Extensions.Logging;

namespace Aird.Stream.Video;

/// <summary>The camera layer's log messages. URLs are logged without credentials; frames are never logged.</summary>
internal static partial class VideoLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {Camera} connected")]
    public static partial void Connected(ILogger logger, string camera);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {Camera} failed (reconnect {Reconnect} in {DelayMs} ms): {Error}")]
    public static partial void Failed(ILogger logger, string camera, int reconnect, long delayMs, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Camera {Camera} worker failed unexpectedly (reconnect {Reconnect} in {DelayMs} ms)")]
    public static partial void WorkerFault(ILogger logger, Exception exception, string camera, int reconnect, long delayMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {Camera} reached the end of its file")]
    public static partial void Ended(ILogger logger, string camera);

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {Camera} started ({Url} at {Fps} fps)")]
    public static partial void Started(ILogger logger, string camera, string url, double fps);

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {Camera} stopped")]
    public static partial void Stopped(ILogger logger, string camera);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cameras configuration refused, the running cameras are kept: {Errors}")]
    public static partial void ConfigurationRefused(ILogger logger, string errors);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cameras reconfigured: {Added} added, {Removed} removed, {Changed} restarted")]
    public static partial void Reconfigured(ILogger logger, int added, int removed, int changed);
}
