using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Aird.Stream.Vision;
using Aird.Stream.Vision.Alignment;
using Aird.Stream.Vision.Detection;
using OpenCvSharp;

namespace Aird.Stream.Evaluation.Pipeline;

/// <summary>
/// The aligned high-resolution chip of each dataset image, made as enrollment photos are (detect, refine the
/// keypoints with <see cref="KeypointRefiner"/>, then align to the teacher's 150x150 dlib chip). The face nearest the image centre is the subject, as in LFW. Where no face is
/// found the chip is a centred crop, and <see cref="NotDetected"/> counts it.
/// </summary>
public sealed class EvaluationFaces(BlazeFaceDetector detector, string datasetRoot)
{
    // A dlib chip spans about 1.5 face widths; LFW-like images show the face at about 0.4 of the image side.
    private const double FallbackCropShare = 0.6;

    private readonly ConcurrentDictionary<string, byte[]> chips = new(StringComparer.Ordinal);
    private readonly KeypointRefiner refiner = new(detector);
    private int notDetected;

    public static FaceChipSpec Spec => FaceChipSpec.DlibTeacher;

    public int NotDetected => notDetected;

    /// <summary>The RGB chip (HWC bytes, <see cref="Spec"/> size) of an image path relative to the dataset root.</summary>
    public byte[] Chip(string relativePath) => chips.GetOrAdd(relativePath, Load);

    private byte[] Load(string relativePath)
    {
        using var image = ImageFiles.ReadBgr(Path.Combine(datasetRoot, relativePath));
        var faces = detector.Detect(image);
        var centre = new System.Drawing.PointF(image.Width / 2f, image.Height / 2f);
        var subject = faces
            .OrderBy(f => Distance(new(f.Box.X + (f.Box.Width / 2), f.Box.Y + (f.Box.Height / 2)), centre))
            .FirstOrDefault();
        if (subject is null)
        {
            Interlocked.Increment(ref notDetected);
            return CentredCrop(image);
        }

        using var aligned = FaceAligner.Align(image, refiner.Refine(image, subject), Spec);
        return ToRgbBytes(aligned.Chip);
    }

    private static byte[] CentredCrop(Mat image)
    {
        var side = (int)(Math.Min(image.Width, image.Height) * FallbackCropShare);
        using var crop = new Mat(image, new Rect((image.Width - side) / 2, (image.Height - side) / 2, side, side));
        using var resized = new Mat();
        Cv2.Resize(crop, resized, new Size(Spec.Size, Spec.Size), 0, 0, InterpolationFlags.Area);
        return ToRgbBytes(resized);
    }

    private static byte[] ToRgbBytes(Mat bgr)
    {
        using var rgb = new Mat();
        Cv2.CvtColor(bgr, rgb, ColorConversionCodes.BGR2RGB);
        var bytes = new byte[rgb.Width * rgb.Height * 3];
        Marshal.Copy(rgb.Data, bytes, 0, bytes.Length);
        return bytes;
    }

    private static double Distance(System.Drawing.PointF a, System.Drawing.PointF b) =>
        Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}
