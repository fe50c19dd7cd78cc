using System.Drawing;

namespace Aird.Stream.Vision.Detection;

/// <summary>One detected face: box, sigmoid score in [0, 1] and the six keypoints, all in the coordinates of
/// the image given to the detector.</summary>
public sealed record FaceDetection(RectangleF Box, float Score, IReadOnlyList<PointF> Keypoints)
{
    public const int KeypointCount = 6;

    public PointF Keypoint(FaceKeypoint which) => Keypoints[(int)which];
}
