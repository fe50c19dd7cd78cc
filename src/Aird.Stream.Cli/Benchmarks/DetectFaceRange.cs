using System.Globalization;

namespace Aird.Stream.Cli.Benchmarks;

/// <summary>The face widths a detector is set up to find, in frame pixels; each range is its own tiling.</summary>
internal readonly record struct DetectFaceRange(int MinFacePx, int MaxFacePx)
{
    /// <summary>The detector's own lower bound on face width.</summary>
    public const int SmallestFacePx = 4;

    /// <summary>Parses <c>MIN-MAX</c>; null when the text is not a range of at least <see cref="SmallestFacePx"/> px.</summary>
    public static DetectFaceRange? TryParse(string text)
    {
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var max)
            && new DetectFaceRange(min, max) is { IsValid: true } range
                ? range
                : null;
    }

    public bool IsValid => MinFacePx >= SmallestFacePx && MaxFacePx >= MinFacePx;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{MinFacePx}-{MaxFacePx}");
}
