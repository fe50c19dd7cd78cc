using System.Drawing;
using Aird.Stream.Vision.Detection;

namespace Aird.Stream.Vision.Alignment;

/// <summary>The geometry of <see cref="KeypointRefiner"/>'s second pass: which upright, centred view of a face to
/// detect again, and how the keypoints found there map back to the image.</summary>
internal static class KeypointRefinement
{
    /// <summary>Padding of the context chip, in dlib's convention: the template face fills 1/(1 + 2p) = 0.29 of the
    /// chip, the detector's box (~1.2x the face square) about a third of the model input. Chosen on pairsDevTrain
    /// (teacher HR-HR accuracy with padding 0.75 / 1.25 / 1.85 / 2.5: 98.50 / 98.86 / 98.55 / 98.55 %; 98.32 %
    /// without the second pass).</summary>
    public const double ContextPadding = 1.25;

    /// <summary>A re-detected face whose centre lies further from the chip centre than this share of the chip is
    /// another face, not the one being refined.</summary>
    private const float MaxCentreOffset = 0.15f;

    /// <summary>The image-to-context-chip similarity for <paramref name="face"/>, or null when its keypoints are
    /// unusable (then there is nothing to refine, and the aligner falls back to the box).</summary>
    public static Similarity? ContextView(FaceDetection face, int chipSize)
    {
        var plan = AlignmentPlanner.Plan(face, new FaceChipSpec(chipSize, ContextPadding));
        return plan.IsFallback ? null : plan.ImageToChip;
    }

    /// <summary><paramref name="face"/> with the keypoints of the re-detection nearest the centre of the context
    /// chip, mapped back to image coordinates; <paramref name="face"/> itself when no re-detection is centred.
    /// Box and score stay those of the first pass, which saw the face in its surroundings.</summary>
    public static FaceDetection Refined(FaceDetection face, IReadOnlyList<FaceDetection> inContext, Similarity imageToContext, int chipSize)
    {
        var centre = chipSize / 2f;
        var best = inContext
            .Select(d => (Detection: d, Offset: Distance(Centre(d.Box), new PointF(centre, centre))))
            .Where(c => c.Offset <= MaxCentreOffset * chipSize)
            .OrderBy(c => c.Offset)
            .Select(c => c.Detection)
            .FirstOrDefault();
        if (best is null)
        {
            return face;
        }

        var back = imageToContext.Inverse();
        return face with { Keypoints = [.. best.Keypoints.Select(back.Apply)] };
    }

    private static PointF Centre(RectangleF box) => new(box.X + (box.Width / 2), box.Y + (box.Height / 2));

    private static float Distance(PointF a, PointF b) => MathF.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}
