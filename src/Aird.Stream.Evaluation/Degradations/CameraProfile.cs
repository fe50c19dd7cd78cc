using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using OpenCvSharp;

namespace Aird.Stream.Evaluation.Degradations;

/// <summary>
/// A simulated camera of the camera-shift protocol (docs/evaluation.md): a fixed degradation of the aligned chip.
/// Noise is seeded by the image path, so a camera renders an image the same way on every run.
/// </summary>
public sealed record CameraProfile(string Name, int SizePx)
{
    public double NoiseSigma { get; init; }

    /// <summary>(gamma, gain) of <see cref="LowResolutionEffects.Lighting"/>; null for none.</summary>
    public (double Gamma, double Gain)? Lighting { get; init; }

    /// <summary>Length in px of the low-resolution image; 0 for none.</summary>
    public double MotionBlurPx { get; init; }

    public int? JpegQuality { get; init; }

    /// <summary>RGB gains; null for none.</summary>
    public (double Red, double Green, double Blue)? ColourCast { get; init; }

    /// <summary>A: clean 24 px; B: 16 px, noise, dark; C: 20 px, motion blur, JPEG 40; D: 16 px, colour cast, gamma.</summary>
    public static IReadOnlyList<CameraProfile> Defaults { get; } =
    [
        new("A", 24),
        new("B", 16) { NoiseSigma = 8, Lighting = (1.6, 0.55) },
        new("C", 20) { MotionBlurPx = 2.5, JpegQuality = 40 },
        new("D", 16) { ColourCast = (1.15, 0.95, 0.8), Lighting = (0.7, 1.0) },
    ];

    /// <summary>The camera's view of an aligned RGB chip, resized to the model's input (RGB HWC bytes).</summary>
    public byte[] Render(byte[] rgbChip, int chipSize, int inputSize, string imagePath)
    {
        ArgumentNullException.ThrowIfNull(rgbChip);
        using var chip = Mat.FromPixelData(chipSize, chipSize, MatType.CV_8UC3, rgbChip);
        using var work = chip.Clone();
        var perLowResPixel = chipSize / (double)SizePx;
        if (MotionBlurPx > 0)
        {
            LowResolutionEffects.MotionBlur(work, 0, MotionBlurPx * perLowResPixel);
        }

        using var small = new Mat();
        Cv2.Resize(work, small, new Size(SizePx, SizePx), 0, 0, InterpolationFlags.Area);
        if (Lighting is { } lighting)
        {
            LowResolutionEffects.Lighting(small, lighting.Gamma, lighting.Gain);
        }

        if (ColourCast is { } cast)
        {
            LowResolutionEffects.ColourCast(small, cast.Red, cast.Green, cast.Blue);
        }

        if (NoiseSigma > 0)
        {
            LowResolutionEffects.Noise(small, NoiseSigma, Seed(imagePath));
        }

        if (JpegQuality is { } quality)
        {
            LowResolutionEffects.Jpeg(small, quality);
        }

        using var resized = new Mat();
        Cv2.Resize(small, resized, new Size(inputSize, inputSize), 0, 0, InterpolationFlags.Cubic);
        var bytes = new byte[inputSize * inputSize * 3];
        Marshal.Copy(resized.Data, bytes, 0, bytes.Length);
        return bytes;
    }

    private ulong Seed(string imagePath) =>
        BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"{Name}/{imagePath}")));
}
