using Aird.Stream.Contracts;
using Microsoft.Extensions.Logging;

namespace Aird.Stream.Ingest.Worker;

/// <summary>The ingest worker's log lines. None carries an image.</summary>
internal static partial class IngestLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest publishes {Encoding} crops to {Topic}; faces of {MinFacePx}-{MaxFacePx} px unless a camera sets its own")]
    public static partial void Started(ILogger logger, string topic, ImageEncoding encoding, int minFacePx, int maxFacePx);

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {CameraId}: tracking faces of {MinFacePx}-{MaxFacePx} px")]
    public static partial void CameraStarted(ILogger logger, string cameraId, int minFacePx, int maxFacePx);

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {CameraId} {Reason}: ended its tracks, {Crops} held best shot(s) published")]
    public static partial void CameraEnded(ILogger logger, string cameraId, string reason, int crops);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {CameraId}: frame {Sequence} skipped")]
    public static partial void FrameFailed(ILogger logger, string cameraId, long sequence, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {CameraId}: frame {Sequence} skipped, its settings are unusable: faces of {MinFacePx}-{MaxFacePx} px (need 4 <= min <= max) at {Fps} fps (need > 0)")]
    public static partial void UnusableSettings(ILogger logger, string cameraId, long sequence, int minFacePx, int maxFacePx, double fps);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest stopped")]
    public static partial void Stopped(ILogger logger);
}
