using System.Runtime.InteropServices;
using OpenCvSharp;

namespace Aird.Stream.Training.Data;

/// <summary>
/// A similarity transform about the chip centre that re-aligns an aligned chip slightly off its template: rotation,
/// scale, then shift. Used to give the student alignment noise with exact teacher targets (the teacher embeds every
/// jittered chip), not a guess that its embedding stays put.
/// </summary>
public readonly record struct ChipJitter(double RotationDegrees, double Scale, double ShiftX, double ShiftY)
{
    public static ChipJitter Draw(Random random, ChipJitterOptions options)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(options);
        return new ChipJitter(
            Symmetric(random, options.MaxRotationDegrees),
            1 + Symmetric(random, options.MaxScaleChange),
            Symmetric(random, options.MaxShiftPx),
            Symmetric(random, options.MaxShiftPx));
    }

    /// <summary>The re-aligned chip, RGB HWC bytes of the same size; borders are mirrored so no black wedge appears.</summary>
    public byte[] Apply(byte[] rgbChip, int chipSize)
    {
        ArgumentNullException.ThrowIfNull(rgbChip);
        using var chip = Mat.FromPixelData(chipSize, chipSize, MatType.CV_8UC3, rgbChip);
        var centre = (chipSize - 1) / 2.0;
        using var transform = Cv2.GetRotationMatrix2D(new Point2f((float)centre, (float)centre), RotationDegrees, Scale);
        transform.Set(0, 2, transform.Get<double>(0, 2) + ShiftX);
        transform.Set(1, 2, transform.Get<double>(1, 2) + ShiftY);
        using var warped = new Mat();
        Cv2.WarpAffine(chip, warped, transform, new Size(chipSize, chipSize), InterpolationFlags.Linear, BorderTypes.Reflect101);
        var bytes = new byte[chipSize * chipSize * 3];
        Marshal.Copy(warped.Data, bytes, 0, bytes.Length);
        return bytes;
    }

    private static double Symmetric(Random random, double bound) => ((2 * random.NextDouble()) - 1) * bound;
}
