namespace Aird.Stream.Models.Runtime;

/// <summary>The embedders' input layout: HWC RGB chips to NCHW floats.</summary>
internal static class ChipTensors
{
    public static float[] ToNchw(IReadOnlyList<ReadOnlyMemory<byte>> chips, int chipSize)
    {
        var plane = chipSize * chipSize;
        var input = new float[chips.Count * 3 * plane];
        for (var n = 0; n < chips.Count; n++)
        {
            var chip = chips[n].Span;
            if (chip.Length != plane * 3)
            {
                throw new ArgumentException($"Chip {n} has {chip.Length} bytes; a {chipSize}x{chipSize} RGB chip has {plane * 3}.", nameof(chips));
            }

            var red = input.AsSpan(n * 3 * plane, plane);
            var green = input.AsSpan(((n * 3) + 1) * plane, plane);
            var blue = input.AsSpan(((n * 3) + 2) * plane, plane);
            for (var p = 0; p < plane; p++)
            {
                red[p] = chip[p * 3];
                green[p] = chip[(p * 3) + 1];
                blue[p] = chip[(p * 3) + 2];
            }
        }

        return input;
    }
}
