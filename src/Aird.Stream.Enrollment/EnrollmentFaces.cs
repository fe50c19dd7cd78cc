using System.Drawing;
using Aird.Stream.Vision.Alignment;
using Aird.Stream.Vision.Detection;
using OpenCvSharp;

namespace Aird.Stream.Enrollment;

/// <summary>
/// Turns an enrollment photo into the chip the model takes, along the live path's geometry: detect with BlazeFace,
/// refine the keypoints with a second, upright pass (<see cref="KeypointRefiner"/>: photos have the detail for it),
/// align to the 150 px dlib chip as the ingest worker does (<see cref="FaceChipSpec.DlibTeacher"/>), then resize to
/// the model's chip as the recognizer does (area averaging to shrink, cubic to enlarge) and convert to RGB.
/// </summary>
/// <remarks>
/// Photos of any size are first shrunk (area averaging) to at most <see cref="WorkingSide"/> px, so detection costs
/// a bounded number of tiles; the detector must be set to the face range <see cref="MinFacePx"/>..
/// <see cref="MaxFacePx"/> (<see cref="UseFaceRange"/>). A face much larger than the chip is shrunk further
/// before the warp, because a bilinear warp that decimates by more than 2x aliases.
/// </remarks>
internal sealed class EnrollmentFaces(BlazeFaceDetector detector, int modelChipSize)
{
    /// <summary>The longest side photos are detected at.</summary>
    public const int WorkingSide = 512;

    /// <summary>Smaller faces carry too little detail to enroll (the live crops are upsampled 16-40 px faces; the
    /// enrollment photo is the reference they are compared with).</summary>
    public const int MinFacePx = 32;

    public const int MaxFacePx = WorkingSide;

    /// <summary>Another face at least this share of the largest face's area makes the choice worth a note.</summary>
    private const double SimilarFaceArea = 0.5;

    /// <summary>The face width a dlib chip of 150 px with padding 0.25 holds (150 / 1.5).</summary>
    private static readonly double ChipFaceWidth = FaceChipSpec.DlibTeacher.Size / (1 + (2 * FaceChipSpec.DlibTeacher.Padding));

    private readonly KeypointRefiner refiner = new(detector);

    /// <summary>Sets the detector's face range to the one enrollment photos are searched at.</summary>
    public static void UseFaceRange(FaceDetectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MinFacePx = MinFacePx;
        options.MaxFacePx = MaxFacePx;
    }

    /// <summary>The chip of the largest face of <paramref name="image"/> (8-bit BGR), or the reason there is none.</summary>
    public (PreparedFace? Face, ImageOutcome Failure, string Reason) Prepare(Mat image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (Math.Min(image.Width, image.Height) < MinFacePx)
        {
            return (null, ImageOutcome.TooSmall, $"the image is {image.Width}x{image.Height} px; a usable face needs at least {MinFacePx} px");
        }

        using var working = Shrunk(image, WorkingSide / (double)Math.Max(image.Width, image.Height));
        var faces = detector.Detect(working, cancellationToken);
        if (faces.Count == 0)
        {
            return (null, ImageOutcome.NoFace, $"no face found (faces of {MinFacePx} px or more at {working.Width}x{working.Height})");
        }

        var ordered = faces.OrderByDescending(f => f.Box.Width * f.Box.Height).ToList();
        var largest = ordered[0];
        var similar = ordered.Skip(1).Count(f => f.Box.Width * f.Box.Height >= SimilarFaceArea * largest.Box.Width * largest.Box.Height);
        var note = similar > 0 ? $"{similar + 1} faces of similar size; took the largest" : null;

        var shrink = 2 * ChipFaceWidth / largest.Box.Width;
        using var source = Shrunk(working, shrink);
        var face = shrink < 1 ? Scaled(largest, shrink) : largest;
        using var aligned = FaceAligner.Align(source, refiner.Refine(source, face, cancellationToken), FaceChipSpec.DlibTeacher);
        return (new PreparedFace(ToRgbChip(aligned.Chip, modelChipSize), largest.Score, note), default, string.Empty);
    }

    /// <summary>A copy of <paramref name="image"/> scaled by <paramref name="factor"/> when that shrinks it.</summary>
    private static Mat Shrunk(Mat image, double factor)
    {
        if (factor >= 1)
        {
            return image.Clone();
        }

        var size = new OpenCvSharp.Size(Math.Max(1, (int)Math.Round(image.Width * factor)), Math.Max(1, (int)Math.Round(image.Height * factor)));
        var shrunk = new Mat();
        Cv2.Resize(image, shrunk, size, 0, 0, InterpolationFlags.Area);
        return shrunk;
    }

    private static FaceDetection Scaled(FaceDetection face, double factor)
    {
        var f = (float)factor;
        var box = new RectangleF(face.Box.X * f, face.Box.Y * f, face.Box.Width * f, face.Box.Height * f);
        return face with { Box = box, Keypoints = [.. face.Keypoints.Select(p => new PointF(p.X * f, p.Y * f))] };
    }

    /// <summary>The recognizer's resize of a published crop (Aird.Stream.Recognizer CropImage), on the aligned chip.</summary>
    private static byte[] ToRgbChip(Mat bgr, int chipSize)
    {
        using var rgb = new Mat();
        if (bgr.Width == chipSize)
        {
            Cv2.CvtColor(bgr, rgb, ColorConversionCodes.BGR2RGB);
        }
        else
        {
            using var resized = new Mat();
            Cv2.Resize(bgr, resized, new OpenCvSharp.Size(chipSize, chipSize), 0, 0, bgr.Width > chipSize ? InterpolationFlags.Area : InterpolationFlags.Cubic);
            Cv2.CvtColor(resized, rgb, ColorConversionCodes.BGR2RGB);
        }

        // CvtColor allocates its output, so it is continuous.
        var chip = new byte[chipSize * chipSize * 3];
        System.Runtime.InteropServices.Marshal.Copy(rgb.Data, chip, 0, chip.Length);
        return chip;
    }
}
