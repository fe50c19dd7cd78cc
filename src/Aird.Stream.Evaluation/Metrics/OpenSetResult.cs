namespace Aird.Stream.Evaluation.Metrics;

/// <summary>Open-set identification figures (rates are fractions in [0, 1]); <see cref="Det"/> plots FNIR against FPIR.</summary>
public sealed record OpenSetResult(
    int MatedProbes,
    int NonMatedProbes,
    double Rank1,
    double FnirAtFpir1e2,
    double FnirAtFpir1e1,
    IReadOnlyList<CurvePoint> Det)
{
    /// <summary>The score a match must exceed for an FPIR of 1e-2 (FNIR is measured there).</summary>
    public double ThresholdAtFpir1e2 { get; init; }

    /// <summary>The score a match must exceed for an FPIR of 1e-1.</summary>
    public double ThresholdAtFpir1e1 { get; init; }
}
