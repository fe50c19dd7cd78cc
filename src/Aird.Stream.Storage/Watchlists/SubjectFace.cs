namespace Aird.Stream.Storage.Watchlists;

/// <summary>
/// One enrolled face of a subject: the L2-normalised embedding of <see cref="ModelVersion"/>, a quality score and
/// the SHA-256 of the source image, which makes enrolling the same image again a no-op. No image is stored.
/// </summary>
public sealed record SubjectFace(float[] Embedding, string ModelVersion, float Quality, byte[] SourceSha256);
