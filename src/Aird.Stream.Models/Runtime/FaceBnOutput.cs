namespace Aird.Stream.Models.Runtime;

/// <summary>
/// One run of the FaceBN student: L2-normalised embeddings per chip, and per BatchNorm layer l the per-sample
/// spatial means of the layer's input and of its square, [N, C_l] row-major.
/// </summary>
public sealed record FaceBnOutput(float[][] Embeddings, IReadOnlyList<float[]> Means, IReadOnlyList<float[]> SquareMeans);
