using OpenCvSharp;

namespace Aird.Stream.Vision.Alignment;

/// <summary>An aligned face chip (same pixel format as the source image) that the caller disposes.
/// <see cref="IsFallback"/> is true when the keypoints were unusable and the chip is a plain box-centred crop,
/// which embeds less reliably.</summary>
public sealed record AlignedFace(Mat Chip, bool IsFallback) : IDisposable
{
    public void Dispose() => Chip.Dispose();
}
