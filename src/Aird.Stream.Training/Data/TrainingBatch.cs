namespace Aird.Stream.Training.Data;

/// <param name="Inputs">Student inputs, NCHW float32 RGB 0..255.</param>
/// <param name="Targets">The teacher's L2-normalised embeddings of the same faces (mirrored where the input is), [B, D].</param>
public sealed record TrainingBatch(int Count, float[] Inputs, float[] Targets);
