namespace Aird.Stream.Recognizer;

/// <summary>A chip's L2-normalised embedding, and whether the camera's own FaceBN statistics normalised it.</summary>
internal sealed record ChipEmbedding(float[] Vector, bool FaceBnApplied);
