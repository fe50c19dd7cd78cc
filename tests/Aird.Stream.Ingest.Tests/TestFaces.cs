using System.Drawing;
using Aird.Stream.Vision.Detection;

namespace Aird.Stream.Ingest.Tests;

/// <summary>Hand-made detections with BlazeFace's keypoint layout.</summary>
internal static class TestFaces
{
    /// <summary>A square face of <paramref name="width"/> px centred on (<paramref name="cx"/>, <paramref name="cy"/>).
    /// <paramref name="noseShift"/> moves the nose along the eye line, in eye distances (0: frontal, +-0.5: over an
    /// eye, as in profile); <paramref name="rollDegrees"/> rotates the eye line.</summary>
    public static FaceDetection At(
        double cx, double cy, double width, float score = 0.9f, double noseShift = 0, double rollDegrees = 0)
    {
        var eyeHalf = 0.2 * width;
        var roll = rollDegrees * Math.PI / 180;
        var (cos, sin) = (Math.Cos(roll), Math.Sin(roll));
        var eyesY = cy - (0.1 * width);
        PointF Along(double t, double below) => new(
            (float)(cx + (t * cos) - (below * sin)),
            (float)(eyesY + (t * sin) + (below * cos)));

        PointF[] keypoints =
        [
            Along(-eyeHalf, 0),
            Along(eyeHalf, 0),
            Along(noseShift * 2 * eyeHalf, 0.15 * width),
            Along(0, 0.3 * width),
            Along(-0.45 * width, 0.05 * width),
            Along(0.45 * width, 0.05 * width),
        ];
        var half = width / 2;
        return new FaceDetection(new RectangleF((float)(cx - half), (float)(cy - half), (float)width, (float)width), score, keypoints);
    }
}
