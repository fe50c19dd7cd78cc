using System.Runtime.InteropServices;
using OpenCvSharp;

namespace Aird.Stream.Evaluation.Pipeline;

/// <summary>
/// Turns the aligned high-resolution chip into a model input. The low-resolution probes of docs/evaluation.md are the
/// whole chip area-downsampled to s x s (deterministic, no noise), then resized to the model's input size.
/// </summary>
public static class ChipResampler
{
    /// <param name="rgb">An RGB chip, HWC bytes, <paramref name="chipSize"/> square.</param>
    /// <param name="lowResolutionPx">s for a low-resolution probe; null for the high-resolution image.</param>
    public static byte[] ToModelInput(byte[] rgb, int chipSize, int? lowResolutionPx, int inputSize)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        using var chip = Mat.FromPixelData(chipSize, chipSize, MatType.CV_8UC3, rgb);
        using var small = new Mat();
        var source = chip;
        if (lowResolutionPx is { } s)
        {
            Cv2.Resize(chip, small, new Size(s, s), 0, 0, InterpolationFlags.Area);
            source = small;
        }

        if (source.Width == inputSize)
        {
            return ToBytes(source);
        }

        using var resized = new Mat();
        var interpolation = source.Width > inputSize ? InterpolationFlags.Area : InterpolationFlags.Cubic;
        Cv2.Resize(source, resized, new Size(inputSize, inputSize), 0, 0, interpolation);
        return ToBytes(resized);
    }

    // Both the wrapped chip and resize outputs are continuous, so the bytes are one block.
    private static byte[] ToBytes(Mat mat)
    {
        var bytes = new byte[mat.Width * mat.Height * 3];
        Marshal.Copy(mat.Data, bytes, 0, bytes.Length);
        return bytes;
    }
}
