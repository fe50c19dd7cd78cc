using System.Drawing;
using Aird.Stream.Vision.Detection;

namespace Aird.Stream.Vision.Alignment;

/// <summary>Chooses the image-to-chip similarity for a detected face: fitted to the keypoints when they are
/// plausible, else a crop centred on the box.</summary>
internal static class AlignmentPlanner
{
    // Keypoint sanity limits, relative to the box width. Eye centres of frontal LFW faces are ~0.44 box widths
    // apart; a profile brings them together, and a regressor gone wrong scatters points out of the box.
    private const float MinEyeDistance = 0.2f;
    private const float MaxOutsideBox = 0.25f;

    // Largest fit residual, as a fraction of the template face side: a bigger one means the four points do not
    // form a face shape (or one of them is wrong), so the fit would warp the chip. A turned head moves the nose
    // tip by up to ~0.16 on LFW (measured), which must still pass.
    private const float MaxResidual = 0.25f;

    // A BlazeFace box is about 1.2x the side of dlib's unit face square (measured on LFW: box width against
    // eye distance / 0.529, the template's eye distance), and centred on it to within a few percent.
    private const float BoxToTemplateSide = 1.2f;

    public static AlignmentPlan Plan(FaceDetection face, FaceChipSpec spec)
    {
        ArgumentNullException.ThrowIfNull(face);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Size <= 0 || !(spec.Padding >= 0))
        {
            throw new ArgumentException($"Chip size {spec.Size} must be positive and padding {spec.Padding} non-negative.", nameof(spec));
        }

        if (!(face.Box.Width > 0 && face.Box.Height > 0))
        {
            throw new ArgumentException("The face box is empty.", nameof(face));
        }

        PointF[] points =
        [
            face.Keypoint(FaceKeypoint.RightEye),
            face.Keypoint(FaceKeypoint.LeftEye),
            face.Keypoint(FaceKeypoint.NoseTip),
            face.Keypoint(FaceKeypoint.MouthCenter),
        ];
        var template = FaceTemplate.ForChip(spec);
        if (KeypointsPlausible(points, face.Box) && Similarity.Estimate(points, template) is { } fit
            && MaxDistance(fit, points, template) <= MaxResidual * FaceTemplate.FaceSide(spec))
        {
            return new AlignmentPlan(fit, IsFallback: false);
        }

        return new AlignmentPlan(BoxCentred(face.Box, spec), IsFallback: true);
    }

    private static bool KeypointsPlausible(PointF[] points, RectangleF box)
    {
        var margin = box.Width * MaxOutsideBox;
        var allowed = RectangleF.Inflate(box, margin, margin);
        if (points.Any(p => !float.IsFinite(p.X) || !float.IsFinite(p.Y) || !allowed.Contains(p)))
        {
            return false;
        }

        var dx = points[1].X - points[0].X;
        var dy = points[1].Y - points[0].Y;
        return MathF.Sqrt((dx * dx) + (dy * dy)) >= MinEyeDistance * box.Width;
    }

    private static float MaxDistance(Similarity fit, PointF[] points, PointF[] template)
    {
        var worst = 0f;
        for (var i = 0; i < points.Length; i++)
        {
            var p = fit.Apply(points[i]);
            var dx = p.X - template[i].X;
            var dy = p.Y - template[i].Y;
            worst = MathF.Max(worst, MathF.Sqrt((dx * dx) + (dy * dy)));
        }

        return worst;
    }

    /// <summary>Upright crop: box centre to chip centre, box scaled as a face of the template's size.</summary>
    private static Similarity BoxCentred(RectangleF box, FaceChipSpec spec)
    {
        var scale = FaceTemplate.FaceSide(spec) * BoxToTemplateSide / box.Width;
        var centreX = box.X + (box.Width / 2);
        var centreY = box.Y + (box.Height / 2);
        var half = spec.Size / 2.0;
        return new Similarity(scale, 0, half - (scale * centreX), half - (scale * centreY));
    }
}
