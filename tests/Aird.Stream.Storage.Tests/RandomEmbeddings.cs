namespace Aird.Stream.Storage.Tests;

/// <summary>Deterministic random unit vectors and exact cosine search, the yardstick of the HNSW results.</summary>
internal static class RandomEmbeddings
{
    public static float[] UnitVector(Random random) => Normalise(Gaussian(random, 1.0));

    /// <summary>The source plus Gaussian noise of <paramref name="sigma"/> per component, renormalised.</summary>
    public static float[] NoisyCopy(float[] source, Random random, double sigma)
    {
        var noise = Gaussian(random, sigma);
        return Normalise([.. source.Select((value, i) => value + noise[i])]);
    }

    public static double Cosine(float[] a, float[] b)
    {
        var dot = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
        }

        return dot; // both are unit vectors
    }

    /// <summary>Indices of the k most similar vectors, best first: brute force over all of them.</summary>
    public static int[] ExactTop(IReadOnlyList<float[]> stored, float[] probe, int k, Func<int, bool>? include = null) =>
        [.. Enumerable.Range(0, stored.Count)
            .Where(i => include is null || include(i))
            .OrderByDescending(i => Cosine(stored[i], probe))
            .Take(k)];

    private static float[] Gaussian(Random random, double sigma)
    {
        var values = new float[EmbeddingSpace.Dimension];
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
