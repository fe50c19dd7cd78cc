namespace Aird.Stream.Enrollment;

/// <summary>The face of an enrollment photo as the model sees it: an RGB chip (HWC bytes) of the model's size, the
/// detector's score, and a note when the photo held other faces too.</summary>
internal sealed record PreparedFace(byte[] RgbChip, float Score, string? Note);
