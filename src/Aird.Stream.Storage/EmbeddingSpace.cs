namespace Aird.Stream.Storage;

/// <summary>The embedding space every stored vector lives in.</summary>
public static class EmbeddingSpace
{
    /// <summary>
    /// D = 128: the output of the teacher (dlib ResNet face embedder); the student is distilled into the same space.
    /// The migrations declare every embedding column as vector(128).
    /// </summary>
    public const int Dimension = 128;

    /// <summary>Refuses vectors that the vector(128) columns or cosine distance cannot take.</summary>
    /// <exception cref="ArgumentException">Wrong length, a non-finite value, or a zero vector.</exception>
    internal static void Validate(ReadOnlySpan<float> embedding, string what)
    {
        if (embedding.Length != Dimension)
        {
            throw new ArgumentException($"{what}: embedding has {embedding.Length} values, expected {Dimension}.");
        }

        var squaredNorm = 0.0;
        foreach (var value in embedding)
        {
            if (!float.IsFinite(value))
            {
                throw new ArgumentException($"{what}: embedding contains {value}.");
            }

            squaredNorm += (double)value * value;
        }

        // Cosine distance to a zero vector is undefined (pgvector returns NaN).
        if (squaredNorm == 0)
        {
            throw new ArgumentException($"{what}: embedding is the zero vector.");
        }
    }
}
