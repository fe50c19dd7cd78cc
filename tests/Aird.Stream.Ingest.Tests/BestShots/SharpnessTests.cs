using Aird.Stream.Ingest.BestShots;
using OpenCvSharp;

namespace Aird.Stream.Ingest.Tests.BestShots;

public sealed class SharpnessTests
{
    [Fact]
    public void A_flat_region_has_no_sharpness()
    {
        var grey = Enumerable.Repeat((byte)128, 20 * 20).ToArray();

        Assert.Equal(0, Sharpness.LaplacianVariance(grey, 20, 20, 20));
    }

    [Fact]
    public void It_equals_OpenCVs_Laplacian_variance_on_a_region_inside_a_larger_image()
    {
        using var image = new Mat(60, 80, MatType.CV_8UC1);
        Cv2.Randu(image, 0, 256);
        using var region = image[new Rect(17, 9, 24, 30)];
        using var laplacian = new Mat();
        Cv2.Laplacian(region, laplacian, MatType.CV_64F, ksize: 1);
        // OpenCV pads the border; the pure function uses only pixels with all four neighbours in the region.
        using var inner = laplacian[new Rect(1, 1, 22, 28)];
        Cv2.MeanStdDev(inner, out _, out var stdDev);
        image.GetArray(out byte[] pixels);

        var ours = Sharpness.LaplacianVariance(pixels.AsSpan((9 * 80) + 17), 24, 30, 80);

        Assert.Equal(stdDev.Val0 * stdDev.Val0, ours, 6);
    }

    [Fact]
    public void Blurring_a_region_lowers_its_sharpness()
    {
        using var image = new Mat(32, 32, MatType.CV_8UC1);
        Cv2.Randu(image, 0, 256);
        using var blurred = new Mat();
        Cv2.GaussianBlur(image, blurred, new Size(5, 5), 1.5);
        using var moreBlurred = new Mat();
        Cv2.GaussianBlur(image, moreBlurred, new Size(9, 9), 3);

        var values = new[] { image, blurred, moreBlurred }.Select(m =>
        {
            m.GetArray(out byte[] pixels);
            return Sharpness.LaplacianVariance(pixels, 32, 32, 32);
        }).ToArray();

        Assert.True(values[0] > values[1] && values[1] > values[2], string.Join(", ", values));
    }

    [Fact]
    public void A_region_smaller_than_3x3_or_larger_than_its_buffer_is_refused()
    {
        var grey = new byte[100];

        Assert.Throws<ArgumentException>(() => Sharpness.LaplacianVariance(grey, 2, 10, 10));
        Assert.Throws<ArgumentException>(() => Sharpness.LaplacianVariance(grey, 10, 11, 10));
        Assert.Throws<ArgumentException>(() => Sharpness.LaplacianVariance(grey, 10, 10, 9));
    }
}
