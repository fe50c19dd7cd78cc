using Aird.Stream.Models.Runtime;
using Microsoft.Extensions.Logging;

namespace Aird.Stream.Recognizer;

/// <summary>The recognizer's log lines. None carries an embedding or an image.</summary>
internal static partial class RecognizerLog
{
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Recognizer runs {ModelPath} (version {ModelVersion}, FaceBN {FaceBn}, {ChipSize} px chips) on {Provider}, {Consumers} consumer(s) of {Topic} in group {Group}, batches of up to {MaxBatchSize} crops or {MaxWaitMs} ms")]
    public static partial void Started(
        ILogger logger, string modelPath, string modelVersion, bool faceBn, int chipSize, OnnxExecutionProvider provider, int consumers, string topic, string group, int maxBatchSize, int maxWaitMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recognizer stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {CameraId} starts from the training statistics of model {ModelVersion}")]
    public static partial void StateStarted(ILogger logger, string cameraId, string modelVersion);

    [LoggerMessage(Level = LogLevel.Information, Message = "Camera {CameraId} resumes its FaceBN state of model {ModelVersion} after {FacesSeen} faces")]
    public static partial void StateLoaded(ILogger logger, string cameraId, string modelVersion, long facesSeen);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The stored FaceBN state of camera {CameraId} (model {ModelVersion}) is discarded, the camera starts from the training statistics: {Reason}")]
    public static partial void StateDiscarded(ILogger logger, string cameraId, string modelVersion, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Saved the FaceBN state of camera {CameraId} (model {ModelVersion}) at {FacesSeen} faces (written: {Written})")]
    public static partial void StateSaved(ILogger logger, string cameraId, string modelVersion, long facesSeen, bool written);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not save the FaceBN state of camera {CameraId} (model {ModelVersion}); it stays unsaved and is tried again")]
    public static partial void StateSaveFailed(ILogger logger, Exception exception, string cameraId, string modelVersion);
}
