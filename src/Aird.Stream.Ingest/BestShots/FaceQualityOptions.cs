namespace Aird.Stream.Ingest.BestShots;

/// <summary>Settings of <see cref="FaceQuality"/> (configuration section <see cref="SectionName"/>). The quality is
/// the weighted mean of its components, so only the ratios of the weights matter.</summary>
public sealed record FaceQualityOptions
{
    public const string SectionName = "Ingest:Quality";

    public double SizeWeight { get; init; } = 0.35;

    public double SharpnessWeight { get; init; } = 0.25;

    public double DetectorWeight { get; init; } = 0.15;

    public double FrontalnessWeight { get; init; } = 0.25;

    /// <summary>The variance of the Laplacian (grey levels squared, at the frame's resolution) that scores a
    /// sharpness of 0.5; the score saturates towards 1 above it. Measured on 400 LFW faces area-scaled to 16-40 px:
    /// sharp ones give 470-4900 (10th-90th percentile), after a Gaussian blur of sigma 0.7 px 120-870, of 1.2 px
    /// 35-190.</summary>
    public double SharpnessHalfPoint { get; init; } = 300;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of its range.</summary>
    public void Validate()
    {
        (string Name, double Value)[] weights =
        [
            (nameof(SizeWeight), SizeWeight),
            (nameof(SharpnessWeight), SharpnessWeight),
            (nameof(DetectorWeight), DetectorWeight),
            (nameof(FrontalnessWeight), FrontalnessWeight),
        ];
        foreach (var (name, value) in weights)
        {
            if (!(value >= 0 && double.IsFinite(value)))
            {
                throw new ArgumentException($"{name} must be a finite weight of at least 0, not {value}.");
            }
        }

        if (weights.Sum(w => w.Value) <= 0)
        {
            throw new ArgumentException("At least one quality weight must be positive.");
        }

        if (!(SharpnessHalfPoint > 0 && double.IsFinite(SharpnessHalfPoint)))
        {
            throw new ArgumentException($"{nameof(SharpnessHalfPoint)} must be positive, not {SharpnessHalfPoint}.");
        }
    }
}
