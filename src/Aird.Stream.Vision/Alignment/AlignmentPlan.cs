namespace Aird.Stream.Vision.Alignment;

/// <summary>The image-to-chip transform of one face, and whether it is the box-centred fallback because the
/// keypoints were unusable.</summary>
internal readonly record struct AlignmentPlan(Similarity ImageToChip, bool IsFallback);
