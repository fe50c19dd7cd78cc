using OpenCvSharp;

namespace Aird.Stream.Evaluation.Degradations;

/// <summary>
/// The image effects of surveillance cameras that the training degradation draws at random and the simulated
/// cameras of the camera-shift protocol apply with fixed settings. Each works in place on an 8-bit BGR/RGB image
/// (the channel order does not matter except for <see cref="ColourCast"/>, whose gains follow the image's order).
/// </summary>
public static class LowResolutionEffects
{
    /// <summary>A linear motion blur of <paramref name="length"/> px at <paramref name="angle"/> radians.</summary>
    public static void MotionBlur(Mat image, double angle, double length)
    {
        ArgumentNullException.ThrowIfNull(image);
        var size = Math.Max(3, (int)Math.Round(length) | 1);
        using var kernel = new Mat(size, size, MatType.CV_32FC1, Scalar.All(0));
        var centre = size / 2.0;
        var (dx, dy) = (Math.Cos(angle) * (size - 1) / 2, Math.Sin(angle) * (size - 1) / 2);
        Cv2.Line(kernel, new Point(centre - dx, centre - dy), new Point(centre + dx, centre + dy), Scalar.All(1));
        kernel.ConvertTo(kernel, MatType.CV_32FC1, 1 / Cv2.Sum(kernel).Val0);
        Cv2.Filter2D(image, image, -1, kernel);
    }

    /// <summary>Dark or washed-out scenes: pixel = 255 gain (pixel / 255)^gamma.</summary>
    public static void Lighting(Mat image, double gamma, double gain)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var pixels = new Mat();
        image.ConvertTo(pixels, MatType.CV_32FC3, 1 / 255.0);
        Cv2.Pow(pixels, gamma, pixels);
        pixels.ConvertTo(image, MatType.CV_8UC3, 255 * gain);
    }

    /// <summary>A white-balance error: one gain per channel.</summary>
    public static void ColourCast(Mat image, double first, double second, double third)
    {
        ArgumentNullException.ThrowIfNull(image);
        Cv2.Multiply(image, new Scalar(first, second, third), image);
    }

    /// <summary>Gaussian sensor noise of <paramref name="sigma"/> grey levels, drawn from <paramref name="seed"/>.</summary>
    public static void Noise(Mat image, double sigma, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var noise = new Mat(image.Size(), MatType.CV_32FC3);

        // A generator of our own seed: Cv2.Randn would draw from OpenCV's shared global state.
        new RNG(seed).Fill(noise, DistributionType.Normal, Scalar.All(0), Scalar.All(sigma));
        using var pixels = new Mat();
        image.ConvertTo(pixels, MatType.CV_32FC3);
        Cv2.Add(pixels, noise, pixels);
        pixels.ConvertTo(image, MatType.CV_8UC3);
    }

    /// <summary>A JPEG round trip at <paramref name="quality"/> (1-100).</summary>
    public static void Jpeg(Mat image, int quality)
    {
        ArgumentNullException.ThrowIfNull(image);
        Cv2.ImEncode(".jpg", image, out var jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        using var decoded = Cv2.ImDecode(jpeg, ImreadModes.Color);
        decoded.CopyTo(image);
    }
}
