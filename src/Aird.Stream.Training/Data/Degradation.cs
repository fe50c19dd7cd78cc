using System.Runtime.InteropServices;
using Aird.Stream.Evaluation.Degradations;
using OpenCvSharp;

namespace Aird.Stream.Training.Data;

/// <summary>
/// Makes one student input from an aligned high-resolution chip: optional blur at the chip's scale, down-sampling to
/// s x s, lighting, colour cast, sensor noise and JPEG at the low resolution, then up-sampling to the student's input.
/// Everything random comes from the caller's <see cref="Random"/>s, so a seeded sample is the same on every run: the
/// camera's generator draws the degradation, the sample's the flip and the noise pattern; one generator for both makes
/// a sample its own camera.
/// </summary>
public sealed class Degradation(DegradationOptions options, int inputSize)
{
    private const int MaxSigmaTimesThree = 15;

    public DegradationOptions Options => options;

    /// <summary>The degraded input (RGB HWC bytes, inputSize squared) and whether it was flipped and left clean.</summary>
    public DegradedSample Apply(byte[] rgbChip, int chipSize, Random random) => Apply(rgbChip, chipSize, random, random);

    /// <summary>As <see cref="Apply(byte[], int, Random)"/>, with the degradation drawn from <paramref name="camera"/>:
    /// samples given generators seeded alike share it.</summary>
    public DegradedSample Apply(byte[] rgbChip, int chipSize, Random sample, Random camera)
    {
        ArgumentNullException.ThrowIfNull(rgbChip);
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(camera);
        using var chip = Mat.FromPixelData(chipSize, chipSize, MatType.CV_8UC3, rgbChip);
        using var work = new Mat();
        var flipped = sample.NextDouble() < options.FlipProbability;
        if (flipped)
        {
            Cv2.Flip(chip, work, FlipMode.Y);
        }
        else
        {
            chip.CopyTo(work);
        }

        if (camera.NextDouble() < options.CleanShare)
        {
            return new DegradedSample(Resize(work, inputSize, InterpolationFlags.Area), flipped, null);
        }

        var size = camera.Next(options.MinSizePx, options.MaxSizePx + 1);
        var perLowResPixel = chipSize / (double)size;
        if (camera.NextDouble() < options.MotionBlurProbability)
        {
            LowResolutionEffects.MotionBlur(work, camera.NextDouble() * Math.PI, (0.8 + (1.7 * camera.NextDouble())) * perLowResPixel);
        }

        if (camera.NextDouble() < options.GaussianBlurProbability)
        {
            var sigma = (0.3 + (0.8 * camera.NextDouble())) * perLowResPixel;
            var kernel = Math.Min(MaxSigmaTimesThree * 2, (int)Math.Ceiling(sigma * 3)) | 1;
            Cv2.GaussianBlur(work, work, new Size(kernel, kernel), sigma);
        }

        var interpolation = camera.NextDouble() < options.AreaShare ? InterpolationFlags.Area
            : camera.NextDouble() < 0.5 ? InterpolationFlags.Cubic : InterpolationFlags.Linear;
        using var lowResolution = new Mat();
        Cv2.Resize(work, lowResolution, new Size(size, size), 0, 0, interpolation);
        if (camera.NextDouble() < options.LightingProbability)
        {
            // Dark or washed-out scenes.
            LowResolutionEffects.Lighting(lowResolution, Math.Exp((camera.NextDouble() - 0.5) * 1.0), 0.5 + (0.7 * camera.NextDouble()));
        }

        if (camera.NextDouble() < options.ColourCastProbability)
        {
            LowResolutionEffects.ColourCast(lowResolution, Gain(camera), Gain(camera), Gain(camera));
        }

        if (camera.NextDouble() < options.NoiseProbability)
        {
            LowResolutionEffects.Noise(lowResolution, 2 + (8 * camera.NextDouble()), (ulong)sample.NextInt64());
        }

        if (camera.NextDouble() < options.JpegProbability)
        {
            LowResolutionEffects.Jpeg(lowResolution, camera.Next(options.MinJpegQuality, options.MaxJpegQuality + 1));
        }

        return new DegradedSample(Resize(lowResolution, inputSize, InterpolationFlags.Cubic), flipped, size);
    }

    private static double Gain(Random random) => 0.85 + (0.3 * random.NextDouble());

    private static byte[] Resize(Mat image, int size, InterpolationFlags interpolation)
    {
        using var resized = new Mat();
        Cv2.Resize(image, resized, new Size(size, size), 0, 0, interpolation);
        var bytes = new byte[size * size * 3];
        Marshal.Copy(resized.Data, bytes, 0, bytes.Length);
        return bytes;
    }
}
