using StbImageSharp;

namespace Aird.Stream.Cli.Benchmarks;

/// <summary>
/// The face chips a benchmark feeds an embedder: centre crops of real images (for LFW's 250x250 deep-funneled
/// images exactly the 150x150 chips the tests use), or random pixels when there are no images to read.
/// </summary>
internal sealed record BenchChips(IReadOnlyList<ReadOnlyMemory<byte>> Chips, ChipSource Source)
{
    // The face fills about the middle 60% of an LFW image: 150 of 250 pixels.
    private const double CropFraction = 0.6;
    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png", ".bmp"];

    /// <summary>Up to <paramref name="count"/> chips from the images under <paramref name="folder"/> (first in
    /// ordinal path order, so every run uses the same ones); synthetic chips when the folder has no readable image.</summary>
    public static BenchChips Load(string folder, int chipSize, int count)
    {
        var chips = new List<ReadOnlyMemory<byte>>(count);
        if (Directory.Exists(folder))
        {
            var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Where(f => ImageExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                if (TryDecode(file) is { } image)
                {
                    chips.Add(CentreCrop(image, chipSize));
                    if (chips.Count == count)
                    {
                        break;
                    }
                }
            }
        }

        if (chips.Count > 0)
        {
            return new BenchChips(chips, new ChipSource($"centre crops of images under {folder}", chips.Count, Synthetic: false));
        }

        var random = new Random(20260101);
        for (var i = 0; i < count; i++)
        {
            var chip = new byte[chipSize * chipSize * 3];
            random.NextBytes(chip);
            chips.Add(chip);
        }

        return new BenchChips(chips, new ChipSource($"synthetic random pixels: no readable image under {folder}", count, Synthetic: true));
    }

    private static ImageResult? TryDecode(string file)
    {
        try
        {
            return ImageResult.FromMemory(File.ReadAllBytes(file), ColorComponents.RedGreenBlue);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            // An unreadable file among many images is skipped; the benchmark needs pixels, not every file.
            return null;
        }
    }

    /// <summary>The centre square of <see cref="CropFraction"/> of the shorter side, resized bilinearly
    /// (pixel centres aligned, so a crop already of chip size is copied unchanged).</summary>
    private static byte[] CentreCrop(ImageResult image, int chipSize)
    {
        var side = Math.Max(1, (int)Math.Round(Math.Min(image.Width, image.Height) * CropFraction));
        var left = (image.Width - side) / 2;
        var top = (image.Height - side) / 2;
        var scale = side / (double)chipSize;
        var chip = new byte[chipSize * chipSize * 3];
        for (var y = 0; y < chipSize; y++)
        {
            var (y0, y1, fy) = Sample(((y + 0.5) * scale) - 0.5, side);
            for (var x = 0; x < chipSize; x++)
            {
                var (x0, x1, fx) = Sample(((x + 0.5) * scale) - 0.5, side);
                for (var c = 0; c < 3; c++)
                {
                    double At(int row, int column) => image.Data[((((top + row) * image.Width) + left + column) * 3) + c];
                    var value = ((1 - fy) * (((1 - fx) * At(y0, x0)) + (fx * At(y0, x1))))
                        + (fy * (((1 - fx) * At(y1, x0)) + (fx * At(y1, x1))));
                    chip[(((y * chipSize) + x) * 3) + c] = (byte)Math.Clamp(Math.Round(value), 0, 255);
                }
            }
        }

        return chip;
    }

    private static (int Low, int High, double Fraction) Sample(double position, int length)
    {
        var clamped = Math.Clamp(position, 0, length - 1);
        var low = (int)Math.Floor(clamped);
        return (low, Math.Min(low + 1, length - 1), clamped - low);
    }
}
