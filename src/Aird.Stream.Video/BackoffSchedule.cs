namespace Aird.Stream.Video;

/// <summary>Exponential reconnect delays with jitter, so cameras behind one failed switch do not retry in lockstep.</summary>
internal static class BackoffSchedule
{
    private const double JitterFraction = 0.2;

    /// <summary>
    /// The wait after the <paramref name="failures"/>-th failure in a row: <paramref name="initial"/> doubled per
    /// earlier failure, moved by up to ±20 % (<paramref name="random01"/> in [0, 1)), never above <paramref name="max"/>.
    /// </summary>
    public static TimeSpan Delay(int failures, TimeSpan initial, TimeSpan max, double random01)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var doublings = Math.Min(failures - 1, 30);
        var nominal = Math.Min(initial.TotalMilliseconds * Math.Pow(2, doublings), max.TotalMilliseconds);
        var jittered = nominal * (1 - JitterFraction + (2 * JitterFraction * random01));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, max.TotalMilliseconds));
    }
}
