using Aird.Stream.Vision.Detection;

namespace Aird.Stream.Ingest.Worker;

/// <summary>An aligned, encoded face chosen for publishing by <see cref="CameraFaces"/>.</summary>
/// <param name="CaptureTime">The time of the frame the face was cropped from (earlier than the current frame for
/// a held shot).</param>
/// <param name="Image">The chip, encoded as <see cref="CameraFaces"/> was told.</param>
internal sealed record FaceShot(
    long TrackId,
    DateTimeOffset CaptureTime,
    FaceDetection Detection,
    double Quality,
    byte[] Image,
    int ImageSize,
    bool AlignmentFallback,
    int FrameWidth,
    int FrameHeight);
