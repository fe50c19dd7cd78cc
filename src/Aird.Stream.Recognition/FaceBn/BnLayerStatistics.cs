namespace Aird.Stream.Recognition.FaceBn;

/// <summary>
/// One BatchNorm layer of the student as trained: learned affine parameters and the training running statistics.
/// FaceBN keeps gamma, beta and epsilon frozen and re-estimates only the mean and variance per camera.
/// </summary>
public sealed class BnLayerStatistics
{
    public BnLayerStatistics(
        IReadOnlyList<float> gamma,
        IReadOnlyList<float> beta,
        IReadOnlyList<float> runningMean,
        IReadOnlyList<float> runningVariance,
        double epsilon)
    {
        ArgumentNullException.ThrowIfNull(gamma);
        ArgumentNullException.ThrowIfNull(beta);
        ArgumentNullException.ThrowIfNull(runningMean);
        ArgumentNullException.ThrowIfNull(runningVariance);
        if (gamma.Count == 0)
        {
            throw new ArgumentException("A BatchNorm layer has at least one channel.", nameof(gamma));
        }

        RequireChannels(beta, gamma.Count, nameof(beta));
        RequireChannels(runningMean, gamma.Count, nameof(runningMean));
        RequireChannels(runningVariance, gamma.Count, nameof(runningVariance));
        RequireFinite(gamma, nameof(gamma));
        RequireFinite(beta, nameof(beta));
        RequireFinite(runningMean, nameof(runningMean));
        RequireFinite(runningVariance, nameof(runningVariance));
        if (runningVariance.Any(v => v < 0))
        {
            throw new ArgumentException("A running variance is never negative.", nameof(runningVariance));
        }

        // Epsilon must keep var + eps > 0: a camera's variance can legitimately reach zero (a dead channel).
        if (!(epsilon > 0) || double.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "Epsilon must be positive and finite.");
        }

        Gamma = [.. gamma];
        Beta = [.. beta];
        RunningMean = [.. runningMean];
        RunningVariance = [.. runningVariance];
        Epsilon = epsilon;
    }

    public int Channels => Gamma.Count;

    public IReadOnlyList<float> Gamma { get; }

    public IReadOnlyList<float> Beta { get; }

    public IReadOnlyList<float> RunningMean { get; }

    public IReadOnlyList<float> RunningVariance { get; }

    public double Epsilon { get; }

    private static void RequireChannels(IReadOnlyList<float> values, int channels, string name)
    {
        if (values.Count != channels)
        {
            throw new ArgumentException($"Expected {channels} channels (the length of gamma), got {values.Count}.", name);
        }
    }

    private static void RequireFinite(IReadOnlyList<float> values, string name)
    {
        if (values.Any(v => !float.IsFinite(v)))
        {
            throw new ArgumentException("All values must be finite.", name);
        }
    }
}
