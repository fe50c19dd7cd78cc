namespace Aird.Stream.Training.Data;

/// <param name="Path">The image path relative to the dataset root.</param>
/// <param name="Identity">Index of the person among the training identities.</param>
/// <param name="Chip">The aligned chip, RGB HWC bytes.</param>
/// <param name="Teacher">The teacher's L2-normalised embedding of the chip.</param>
/// <param name="TeacherMirrored">The teacher's L2-normalised embedding of the mirrored chip.</param>
/// <param name="Jittered">Re-aligned views of the chip with their own teacher embeddings; empty when the set has none.</param>
public sealed record TrainingFace(string Path, int Identity, byte[] Chip, float[] Teacher, float[] TeacherMirrored, IReadOnlyList<JitteredView> Jittered);
