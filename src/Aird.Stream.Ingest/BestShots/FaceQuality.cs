using System.Drawing;
using Aird.Stream.Vision.Detection;

namespace Aird.Stream.Ingest.BestShots;

/// <summary>How good a detected face is for recognition: size, sharpness, detector score and frontalness, each
/// in [0, 1] and monotonic in what it measures, combined as a weighted mean. One instance per camera, because the
/// size is relative to that camera's face size range.</summary>
public sealed class FaceQuality
{
    private readonly FaceQualityOptions _options;
    private readonly double _weightSum;

    /// <param name="options">Validated here; see <see cref="FaceQualityOptions.Validate"/>.</param>
    /// <param name="minFacePx">The camera's smallest face width worth recognising: size 0.</param>
    /// <param name="maxFacePx">The face width from which more pixels no longer help: size 1.</param>
    public FaceQuality(FaceQualityOptions options, int minFacePx, int maxFacePx)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (minFacePx <= 0 || maxFacePx < minFacePx)
        {
            throw new ArgumentException($"Face size range {minFacePx}..{maxFacePx} px is invalid: need 0 < min <= max.");
        }

        _options = options;
        _weightSum = options.SizeWeight + options.SharpnessWeight + options.DetectorWeight + options.FrontalnessWeight;
        MinFacePx = minFacePx;
        MaxFacePx = maxFacePx;
    }

    public int MinFacePx { get; }

    public int MaxFacePx { get; }

    /// <summary>The quality of <paramref name="face"/>.</summary>
    /// <param name="laplacianVariance">Sharpness of the face region, e.g. from
    /// <see cref="Sharpness.LaplacianVariance"/>.</param>
    /// <exception cref="ArgumentException">The face has not 6 keypoints, or the variance is negative or not
    /// finite.</exception>
    public FaceQualityScore Score(FaceDetection face, double laplacianVariance)
    {
        ArgumentNullException.ThrowIfNull(face);
        var size = SizeOf(face.Box.Width);
        var sharpness = SharpnessOf(laplacianVariance);
        var detector = DetectorOf(face.Score);
        var frontalness = FrontalnessOf(face.Keypoints);
        var total = ((_options.SizeWeight * size) + (_options.SharpnessWeight * sharpness)
            + (_options.DetectorWeight * detector) + (_options.FrontalnessWeight * frontalness)) / _weightSum;
        return new FaceQualityScore(size, sharpness, detector, frontalness, total);
    }

    /// <summary>0 at or below the minimum face width, 1 at or above the maximum, linear between.</summary>
    public double SizeOf(float faceWidth)
    {
        if (MaxFacePx == MinFacePx)
        {
            return faceWidth >= MaxFacePx ? 1 : 0;
        }

        return Math.Clamp((faceWidth - MinFacePx) / (double)(MaxFacePx - MinFacePx), 0, 1);
    }

    /// <summary>v / (v + h) for the variance v of the Laplacian and the configured half point h.</summary>
    public double SharpnessOf(double laplacianVariance)
    {
        if (!(laplacianVariance >= 0 && double.IsFinite(laplacianVariance)))
        {
            throw new ArgumentOutOfRangeException(
                nameof(laplacianVariance), laplacianVariance, "A variance of the Laplacian is finite and not negative.");
        }

        return laplacianVariance / (laplacianVariance + _options.SharpnessHalfPoint);
    }

    /// <summary>The detector's sigmoid score, clamped to [0, 1].</summary>
    public static double DetectorOf(float score) => float.IsNaN(score) ? 0 : Math.Clamp(score, 0, 1);

    /// <summary>Level eyes times a nose midway between them: the cosine of the roll of the eye line (0 when the
    /// eyes are swapped or vertical) times 1 - 2|t - 1/2|, where t is where the nose projects onto the eye line
    /// (0 at the right eye, 1 at the left). A head turned to profile brings the nose over or past one eye.</summary>
    /// <exception cref="ArgumentException">There are not 6 keypoints.</exception>
    public static double FrontalnessOf(IReadOnlyList<PointF> keypoints)
    {
        ArgumentNullException.ThrowIfNull(keypoints);
        if (keypoints.Count != FaceDetection.KeypointCount)
        {
            throw new ArgumentException(
                $"A face has {FaceDetection.KeypointCount} keypoints, not {keypoints.Count}.", nameof(keypoints));
        }

        var rightEye = keypoints[(int)FaceKeypoint.RightEye];
        var leftEye = keypoints[(int)FaceKeypoint.LeftEye];
        var nose = keypoints[(int)FaceKeypoint.NoseTip];
        double eyeX = leftEye.X - rightEye.X, eyeY = leftEye.Y - rightEye.Y;
        var eyeDistanceSquared = (eyeX * eyeX) + (eyeY * eyeY);
        if (!(eyeDistanceSquared > 0) || !double.IsFinite(eyeDistanceSquared))
        {
            return 0;
        }

        var level = Math.Max(0, eyeX / Math.Sqrt(eyeDistanceSquared));
        var along = (((nose.X - rightEye.X) * eyeX) + ((nose.Y - rightEye.Y) * eyeY)) / eyeDistanceSquared;
        return double.IsFinite(along) ? level * Math.Clamp(1 - (2 * Math.Abs(along - 0.5)), 0, 1) : 0;
    }
}
