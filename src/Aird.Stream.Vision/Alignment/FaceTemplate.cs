using System.Drawing;

namespace Aird.Stream.Vision.Alignment;

/// <summary>Where the detector's eyes, nose tip and mouth centre sit on an aligned chip.</summary>
/// <remarks>The numbers come from dlib's mean face shape (dlib/image_transforms/interpolation.h,
/// <c>get_face_chip_details</c>, points 17-67 of the 68-point model in a unit square), so that chips look like
/// the ones dlib's ResNet was trained on. BlazeFace gives eye centres, not corners, so each eye is the mean of
/// its six contour points (36-41, 42-47); the nose tip is point 30; the mouth centre is the mean of the inner
/// lip points 60-67. Image-left eye (the subject's right): (0.225492, 0.215990); image-right eye
/// (0.754761, 0.215990); nose tip (0.490127, 0.515625); mouth centre (0.490127, 0.799073).</remarks>
internal static class FaceTemplate
{
    private static readonly PointF[] UnitPoints =
    [
        new(0.225492f, 0.215990f),
        new(0.754761f, 0.215990f),
        new(0.490127f, 0.515625f),
        new(0.490127f, 0.799073f),
    ];

    /// <summary>Template points (right eye, left eye, nose tip, mouth centre) in chip pixels, mapped like dlib:
    /// (padding + p) / (1 + 2 padding) * size.</summary>
    public static PointF[] ForChip(FaceChipSpec spec) =>
        [.. UnitPoints.Select(p => new PointF(ToChip(p.X, spec), ToChip(p.Y, spec)))];

    /// <summary>Side of the template's unit face square in chip pixels.</summary>
    public static float FaceSide(FaceChipSpec spec) => (float)(spec.Size / (1 + (2 * spec.Padding)));

    private static float ToChip(float unit, FaceChipSpec spec) =>
        (float)((spec.Padding + unit) / (1 + (2 * spec.Padding)) * spec.Size);
}
