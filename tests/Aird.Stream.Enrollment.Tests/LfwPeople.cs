using Aird.Stream.Testing;

namespace Aird.Stream.Enrollment.Tests;

/// <summary>Photos of LFW's DevTest people (never seen in training), by person.</summary>
internal static class LfwPeople
{
    /// <summary>The first <paramref name="count"/> DevTest people with at least <paramref name="minImages"/> photos, in file order.</summary>
    public static IReadOnlyList<string[]> WithAtLeast(int minImages, int count) =>
        [.. File.ReadLines(Path.Combine(RepositoryPaths.Lfw, "peopleDevTest.txt"))
            .Skip(1)
            .Select(line => line.Split('\t'))
            .Where(f => f.Length == 2 && int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture) >= minImages)
            .Take(count)
            .Select(f => Enumerable.Range(1, minImages)
                .Select(i => Path.Combine(RepositoryPaths.Lfw, "lfw-deepfunneled", f[0], $"{f[0]}_{i:D4}.jpg"))
                .ToArray())];
}
