namespace Aird.Stream.Recognition.FaceBn;

/// <summary>
/// The per-sample moment outputs of one run (<c>bn{l}.mean</c>, <c>bn{l}.sqmean</c>, each [N, C_l] row-major),
/// checked before any state changes so that a bad run leaves every camera as it was.
/// </summary>
internal static class SampleMoments
{
    public static void Validate(
        FaceBnModel model,
        int sampleCount,
        IReadOnlyList<ReadOnlyMemory<float>> means,
        IReadOnlyList<ReadOnlyMemory<float>> sqMeans)
    {
        ArgumentNullException.ThrowIfNull(means);
        ArgumentNullException.ThrowIfNull(sqMeans);
        var layers = model.Layers.Count;
        if (means.Count != layers || sqMeans.Count != layers)
        {
            throw new ArgumentException(
                $"Model {model.Version} has {layers} BatchNorm layers; got {means.Count} mean and {sqMeans.Count} sqmean outputs.");
        }

        for (var l = 0; l < layers; l++)
        {
            var expected = sampleCount * model.Layers[l].Channels;
            if (means[l].Length != expected || sqMeans[l].Length != expected)
            {
                throw new ArgumentException(
                    $"bn{l} moments must hold {sampleCount} x {model.Layers[l].Channels} = {expected} values; " +
                    $"got {means[l].Length} means and {sqMeans[l].Length} sqmeans.");
            }

            foreach (var v in means[l].Span)
            {
                if (!float.IsFinite(v))
                {
                    throw new ArgumentException($"bn{l}.mean holds a non-finite value.", nameof(means));
                }
            }

            foreach (var v in sqMeans[l].Span)
            {
                // A mean of squares below zero can only come from a broken graph or a mixed-up output.
                if (!float.IsFinite(v) || v < 0)
                {
                    throw new ArgumentException($"bn{l}.sqmean holds a negative or non-finite value.", nameof(sqMeans));
                }
            }
        }
    }

    /// <summary>
    /// Averages the rows of <paramref name="samples"/>: every sample has the same H x W at a given layer, so the
    /// average of per-sample spatial moments is the moment over all of those samples' positions together.
    /// </summary>
    public static (double[][] Mean, double[][] SqMean) Average(
        FaceBnModel model,
        IReadOnlyList<ReadOnlyMemory<float>> means,
        IReadOnlyList<ReadOnlyMemory<float>> sqMeans,
        IReadOnlyList<int> samples)
    {
        var layers = model.Layers.Count;
        var mean = new double[layers][];
        var sqMean = new double[layers][];
        for (var l = 0; l < layers; l++)
        {
            mean[l] = AverageRows(means[l].Span, model.Layers[l].Channels, samples);
            sqMean[l] = AverageRows(sqMeans[l].Span, model.Layers[l].Channels, samples);
        }

        return (mean, sqMean);
    }

    private static double[] AverageRows(ReadOnlySpan<float> rows, int channels, IReadOnlyList<int> samples)
    {
        var sum = new double[channels];
        foreach (var s in samples)
        {
            var row = rows.Slice(s * channels, channels);
            for (var c = 0; c < channels; c++)
            {
                sum[c] += row[c];
            }
        }

        for (var c = 0; c < channels; c++)
        {
            sum[c] /= samples.Count;
        }

        return sum;
    }
}
