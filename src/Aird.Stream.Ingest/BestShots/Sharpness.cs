namespace Aird.Stream.Ingest.BestShots;

/// <summary>Focus measure of a face region without OpenCV, for callers that hold the grey pixels.</summary>
public static class Sharpness
{
    /// <summary>The variance of the 4-neighbour Laplacian over the pixels that have all four neighbours inside the
    /// region: the same as OpenCV's <c>Laplacian(ksize: 1)</c> followed by the variance of its inner pixels.</summary>
    /// <param name="grey">8-bit grey rows, <paramref name="stride"/> bytes apart.</param>
    /// <exception cref="ArgumentException">The region is smaller than 3x3 or does not fit in
    /// <paramref name="grey"/>.</exception>
    public static double LaplacianVariance(ReadOnlySpan<byte> grey, int width, int height, int stride)
    {
        if (width < 3 || height < 3)
        {
            throw new ArgumentException($"A {width}x{height} region has no inner pixels: need at least 3x3.", nameof(width));
        }

        if (stride < width || grey.Length < ((long)(height - 1) * stride) + width)
        {
            throw new ArgumentException(
                $"{grey.Length} bytes cannot hold {height} rows of {width} pixels, {stride} bytes apart.", nameof(grey));
        }

        double sum = 0, sumOfSquares = 0;
        for (var y = 1; y < height - 1; y++)
        {
            var above = grey.Slice((y - 1) * stride, width);
            var row = grey.Slice(y * stride, width);
            var below = grey.Slice((y + 1) * stride, width);
            for (var x = 1; x < width - 1; x++)
            {
                double laplacian = above[x] + below[x] + row[x - 1] + row[x + 1] - (4 * row[x]);
                sum += laplacian;
                sumOfSquares += laplacian * laplacian;
            }
        }

        var count = (double)(width - 2) * (height - 2);
        var mean = sum / count;
        return Math.Max(0, (sumOfSquares / count) - (mean * mean));
    }
}
