namespace Aird.Stream.Training.Data;

/// <param name="Jitter">How the view re-aligns the face's chip.</param>
/// <param name="Teacher">The teacher's L2-normalised embedding of the jittered chip.</param>
/// <param name="TeacherMirrored">The teacher's L2-normalised embedding of the jittered chip, mirrored.</param>
public sealed record JitteredView(ChipJitter Jitter, float[] Teacher, float[] TeacherMirrored);
