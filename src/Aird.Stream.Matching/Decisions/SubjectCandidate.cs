namespace Aird.Stream.Matching.Decisions;

/// <summary>An enrolled subject and its best cosine similarity to a face (over the subject's stored faces).</summary>
public readonly record struct SubjectCandidate(Guid SubjectId, float Similarity);
