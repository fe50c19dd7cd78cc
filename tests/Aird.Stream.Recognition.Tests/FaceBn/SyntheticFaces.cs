using Aird.Stream.Recognition.FaceBn;

namespace Aird.Stream.Recognition.Tests.FaceBn;

/// <summary>
/// Random models and per-sample moments standing in for the student: a face's channel has a face-level mean
/// drawn around the stream's mean, and its H x W activations scatter around that face-level mean, so the stream's
/// true variance is the between-face part plus the within-face part.
/// </summary>
internal sealed class SyntheticFaces(int seed)
{
    private readonly Random _random = new(seed);

    public static FaceBnModel Model(string version, params int[] channels) => new SyntheticFaces(channels.Sum()).RandomModel(version, channels);

    public FaceBnModel RandomModel(string version, params int[] channels) =>
        new(version, [.. channels.Select(c => new BnLayerStatistics(
            gamma: Floats(c, () => (float)(0.5 + _random.NextDouble())),
            beta: Floats(c, () => (float)Normal(0, 0.5)),
            runningMean: Floats(c, () => (float)Normal(0, 1)),
            runningVariance: Floats(c, () => (float)(0.2 + (2 * _random.NextDouble()))),
            epsilon: 1e-5))]);

    public double Normal(double mean, double sd)
    {
        // Box-Muller: enough for test data and reproducible from the seed.
        var u = 1 - _random.NextDouble();
        var v = _random.NextDouble();
        return mean + (sd * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v));
    }

    public int Next(int minInclusive, int maxExclusive) => _random.Next(minInclusive, maxExclusive);

    /// <summary>Uniform per-sample moments, [samples, C_l] per layer, for tests that only need valid outputs.</summary>
    public (ReadOnlyMemory<float>[] Means, ReadOnlyMemory<float>[] SqMeans) RandomMoments(FaceBnModel model, int samples)
    {
        var means = new ReadOnlyMemory<float>[model.Layers.Count];
        var sqMeans = new ReadOnlyMemory<float>[model.Layers.Count];
        for (var l = 0; l < model.Layers.Count; l++)
        {
            var mean = Floats(samples * model.Layers[l].Channels, () => (float)Normal(0, 2));
            means[l] = mean;
            sqMeans[l] = mean.Select(m => (m * m) + (float)(3 * _random.NextDouble())).ToArray();
        }

        return (means, sqMeans);
    }

    /// <summary>
    /// Moments of <paramref name="samples"/> faces from a stream whose channels have true mean
    /// <paramref name="mean"/>, between-face deviation <paramref name="betweenSd"/> and within-face deviation
    /// <paramref name="withinSd"/>, measured over <paramref name="positions"/> activations per face.
    /// </summary>
    public (ReadOnlyMemory<float>[] Means, ReadOnlyMemory<float>[] SqMeans) StreamMoments(
        FaceBnModel model, int samples, int positions, double mean, double betweenSd, double withinSd)
    {
        var means = new ReadOnlyMemory<float>[model.Layers.Count];
        var sqMeans = new ReadOnlyMemory<float>[model.Layers.Count];
        for (var l = 0; l < model.Layers.Count; l++)
        {
            var channels = model.Layers[l].Channels;
            var m = new float[samples * channels];
            var q = new float[samples * channels];
            for (var i = 0; i < samples * channels; i++)
            {
                var faceMean = Normal(mean, betweenSd);
                double sum = 0, sumSq = 0;
                for (var p = 0; p < positions; p++)
                {
                    var x = Normal(faceMean, withinSd);
                    sum += x;
                    sumSq += x * x;
                }

                m[i] = (float)(sum / positions);
                q[i] = (float)(sumSq / positions);
            }

            means[l] = m;
            sqMeans[l] = q;
        }

        return (means, sqMeans);
    }

    public static FaceBnState Copy(FaceBnState state) => FaceBnState.FromBytes(state.CameraId, state.Model, state.ToBytes());

    private static float[] Floats(int count, Func<float> next) => [.. Enumerable.Range(0, count).Select(_ => next())];
}
