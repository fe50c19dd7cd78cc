namespace Aird.Stream.Models.Runtime;

/// <summary>Operations on face chips as the embedders take them: square, RGB bytes row by row (HWC).</summary>
public static class RgbChips
{
    /// <summary>The chip mirrored left to right.</summary>
    /// <exception cref="ArgumentException">The chip does not have size x size x 3 bytes.</exception>
    public static byte[] Mirrored(ReadOnlySpan<byte> rgb, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        if (rgb.Length != size * size * 3)
        {
            throw new ArgumentException($"A {size}x{size} RGB chip has {size * size * 3} bytes, not {rgb.Length}.", nameof(rgb));
        }

        var mirrored = new byte[rgb.Length];
        for (var y = 0; y < size; y++)
        {
            var row = y * size * 3;
            for (var x = 0; x < size; x++)
            {
                rgb.Slice(row + (x * 3), 3).CopyTo(mirrored.AsSpan(row + ((size - 1 - x) * 3), 3));
            }
        }

        return mirrored;
    }
}
