using Aird.Stream.Vision.Detection;
using OpenCvSharp;

namespace Aird.Stream.Vision.Alignment;

/// <summary>Cuts aligned face chips out of an image with the keypoints of a <see cref="FaceDetection"/>.</summary>
public static class FaceAligner
{
    /// <summary>Warps the face onto a <paramref name="spec"/> chip; parts outside the image are black, as in
    /// dlib's <c>extract_image_chip</c>.</summary>
    public static AlignedFace Align(Mat image, FaceDetection face, FaceChipSpec spec)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Empty())
        {
            throw new ArgumentException("The image is empty.", nameof(image));
        }

        var plan = AlignmentPlanner.Plan(face, spec);
        return new AlignedFace(Warp(image, plan.ImageToChip, spec.Size), plan.IsFallback);
    }

    /// <summary>The <paramref name="size"/> x <paramref name="size"/> chip that <paramref name="imageToChip"/> maps the image onto.</summary>
    internal static Mat Warp(Mat image, Similarity imageToChip, int size)
    {
        var t = imageToChip;
        using var matrix = new Mat(2, 3, MatType.CV_64FC1);
        matrix.Set(0, 0, t.A);
        matrix.Set(0, 1, -t.B);
        matrix.Set(0, 2, t.Tx);
        matrix.Set(1, 0, t.B);
        matrix.Set(1, 1, t.A);
        matrix.Set(1, 2, t.Ty);

        var chip = new Mat();
        Cv2.WarpAffine(image, chip, matrix, new Size(size, size), InterpolationFlags.Linear, BorderTypes.Constant, Scalar.All(0));
        return chip;
    }
}
