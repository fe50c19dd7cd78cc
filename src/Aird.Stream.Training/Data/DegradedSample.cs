namespace Aird.Stream.Training.Data;

/// <param name="Rgb">The student input, RGB HWC bytes.</param>
/// <param name="Flipped">Mirrored left-right: the teacher target is then the embedding of the mirrored chip.</param>
/// <param name="SizePx">The low resolution s the chip went through; null for a clean high-resolution sample.</param>
public sealed record DegradedSample(byte[] Rgb, bool Flipped, int? SizePx);
