namespace Aird.Stream.Training.Data;

/// <summary>
/// How far a jittered re-alignment of a training chip may stray from the aligned one: the keypoint error a detector
/// makes on a small face turns into exactly this kind of rotation, scale and shift of the chip. Each bound is the
/// largest change in either direction, drawn uniformly.
/// </summary>
public sealed record ChipJitterOptions
{
    /// <summary>Jittered views per training image, each embedded by the teacher; 0 trains on the aligned chip alone.</summary>
    public int Views { get; init; }

    public double MaxRotationDegrees { get; init; } = 8;

    /// <summary>Largest relative change of scale (0.08: the face drawn between 0.92 and 1.08 times its size).</summary>
    public double MaxScaleChange { get; init; } = 0.08;

    /// <summary>Largest shift along each axis, in pixels of the 150 px chip.</summary>
    public double MaxShiftPx { get; init; } = 6;
}
