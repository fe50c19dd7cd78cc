namespace Aird.Stream.Evaluation.Metrics;

/// <summary>
/// Watchlist (open-set) identification metrics: rank-1 identification rate of the mated probes, and FNIR at fixed
/// FPIR. At threshold t a non-mated probe is a false positive when its top score exceeds t; a mated probe is a false
/// negative unless its top match is correct and exceeds t. The thresholds that give each FPIR are reported too: they
/// are what a watchlist's match threshold should be for that rate of false alerts per passing stranger.
/// </summary>
public static class OpenSetIdentification
{
    public static OpenSetResult Evaluate(IReadOnlyList<OpenSetProbe> probes)
    {
        ArgumentNullException.ThrowIfNull(probes);
        var mated = probes.Where(p => p.Mated).ToArray();
        var nonMated = probes.Where(p => !p.Mated).Select(p => p.TopScore).ToArray();
        if (mated.Length == 0 || nonMated.Length == 0)
        {
            throw new ArgumentException("need mated and non-mated probes");
        }

        var (strict, loose) = (ThresholdAtFpir(nonMated, 1e-2), ThresholdAtFpir(nonMated, 1e-1));
        return new OpenSetResult(
            mated.Length,
            nonMated.Length,
            mated.Count(p => p.TopIsCorrect) / (double)mated.Length,
            Fnir(mated, strict),
            Fnir(mated, loose),
            Det(mated, nonMated))
        {
            ThresholdAtFpir1e2 = strict,
            ThresholdAtFpir1e1 = loose,
        };
    }

    private static double Fnir(OpenSetProbe[] mated, double threshold) =>
        mated.Count(p => !(p.TopIsCorrect && p.TopScore > threshold)) / (double)mated.Length;

    // The lowest threshold that lets at most fpir of the non-mated probes through.
    private static double ThresholdAtFpir(double[] nonMated, double fpir)
    {
        var descending = nonMated.OrderDescending().ToArray();
        var allowed = (int)Math.Floor(fpir * descending.Length);
        return descending[Math.Min(allowed, descending.Length - 1)];
    }

    private static List<CurvePoint> Det(OpenSetProbe[] mated, double[] nonMated) =>
        mated.Select(p => p.TopScore).Concat(nonMated).Distinct().OrderDescending()
            .Select(t => new CurvePoint(t, nonMated.Count(s => s > t) / (double)nonMated.Length, Fnir(mated, t)))
            .ToList();
}
