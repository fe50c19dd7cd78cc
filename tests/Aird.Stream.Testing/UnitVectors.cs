namespace Aird.Stream.Testing;

/// <summary>Deterministic random unit vectors of the 128-d embedding space, and exact cosine search as a yardstick.</summary>
public static class UnitVectors
{
    public const int Dimension = 128;

    public static float[] Unit(Random random) => Normalise(Gaussian(random, 1.0));

    /// <summary>The source plus Gaussian noise of <paramref name="sigma"/> per component, renormalised.</summary>
    public static float[] Near(float[] source, Random random, double sigma)
    {
        var noise = Gaussian(random, sigma);
        return Normalise([.. source.Select((value, i) => value + noise[i])]);
    }

    /// <summary>A unit vector at exactly <paramref name="cosine"/> to the unit vector <paramref name="source"/>.</summary>
    public static float[] AtCosine(float[] source, double cosine, Random random)
    {
        var other = Unit(random);
        var along = Cosine(source, other);
        var orthogonal = Normalise([.. other.Select((value, i) => (float)(value - (along * source[i])))]);
        var sine = Math.Sqrt(1 - (cosine * cosine));
        return Normalise([.. source.Select((value, i) => (float)((cosine * value) + (sine * orthogonal[i])))]);
    }

    /// <summary>The dot product, which is the cosine for unit vectors.</summary>
    public static double Cosine(float[] a, float[] b) => a.Zip(b).Sum(pair => (double)pair.First * pair.Second);

    /// <summary>Indices of the k most similar vectors, best first: brute force over all of them.</summary>
    public static int[] ExactTop(IReadOnlyList<float[]> stored, float[] probe, int k, Func<int, bool>? include = null) =>
        [.. Enumerable.Range(0, stored.Count)
            .Where(i => include is null || include(i))
            .OrderByDescending(i => Cosine(stored[i], probe))
            .Take(k)];

    private static float[] Gaussian(Random random, double sigma)
    {
        var values = new float[Dimension];
        for (var i = 0; i < values.Length; i++)
        {
            // Box-Muller.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            values[i] = (float)(sigma * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
        }

        return values;
    }

    private static float[] Normalise(float[] values)
    {
        var norm = Math.Sqrt(values.Sum(v => (double)v * v));
        return [.. values.Select(v => (float)(v / norm))];
    }
}
