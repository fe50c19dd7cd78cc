namespace Aird.Stream.Training.Data;

/// <summary>
/// The degradation D of docs/aird-method.md: how a student input is made from an aligned 150 px chip. Probabilities
/// are per sample and independent; sizes are the side of the whole aligned chip after down-sampling, as in the
/// one-side LR protocol of docs/evaluation.md.
/// </summary>
public sealed record DegradationOptions
{
    /// <summary>Share of samples left high-resolution (the chip area-resized to the student's input), so that HR
    /// enrollment photos and LR probes are embedded by one model into one space.</summary>
    public double CleanShare { get; init; } = 0.2;

    public int MinSizePx { get; init; } = 8;

    public int MaxSizePx { get; init; } = 32;

    /// <summary>Share of down-sampling done by area averaging; the rest is bicubic or bilinear (aliasing, as cheap scalers do).</summary>
    public double AreaShare { get; init; } = 0.6;

    public double GaussianBlurProbability { get; init; } = 0.25;

    public double MotionBlurProbability { get; init; } = 0.15;

    public double NoiseProbability { get; init; } = 0.3;

    public double JpegProbability { get; init; } = 0.3;

    public int MinJpegQuality { get; init; } = 30;

    public int MaxJpegQuality { get; init; } = 90;

    public double LightingProbability { get; init; } = 0.3;

    public double ColourCastProbability { get; init; } = 0.2;

    public double FlipProbability { get; init; } = 0.5;

    /// <summary>
    /// One draw of the degradation per batch (clean or not, size, blur, scaler, lighting, colour cast, noise level,
    /// JPEG quality), as if the whole batch came from one camera; flips and noise patterns stay per sample. BatchNorm
    /// then trains on camera-homogeneous statistics, the statistics FaceBN normalises a camera's faces with.
    /// </summary>
    public bool OneCameraPerBatch { get; init; }
}
