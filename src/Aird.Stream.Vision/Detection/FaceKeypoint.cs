namespace Aird.Stream.Vision.Detection;

/// <summary>The six BlazeFace keypoints, in the model's output order. "Right" is the subject's right
/// (the left side of the image for a frontal face).</summary>
public enum FaceKeypoint
{
    RightEye = 0,
    LeftEye = 1,
    NoseTip = 2,
    MouthCenter = 3,
    RightEar = 4,
    LeftEar = 5,
}
