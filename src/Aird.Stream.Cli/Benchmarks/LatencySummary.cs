namespace Aird.Stream.Cli.Benchmarks;

/// <summary>Median and 95th percentile (nearest rank) of measured latencies in milliseconds.</summary>
internal readonly record struct LatencySummary(double P50Ms, double P95Ms)
{
    public static LatencySummary From(IReadOnlyCollection<double> milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfZero(milliseconds.Count);
        var sorted = milliseconds.Order().ToArray();
        return new LatencySummary(NearestRank(sorted, 0.50), NearestRank(sorted, 0.95));
    }

    private static double NearestRank(double[] sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
