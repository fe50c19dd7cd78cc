namespace Aird.Stream.Models.Runtime;

/// <summary>Embeddings are compared by cosine similarity, so every embedding leaves the models L2-normalised.</summary>
public static class EmbeddingVectors
{
    public static float[] Normalised(ReadOnlySpan<float> raw)
    {
        var sumOfSquares = 0.0;
        foreach (var value in raw)
        {
            sumOfSquares += value * (double)value;
        }

        // A zero vector has no direction; it stays zero rather than becoming NaN.
        var scale = sumOfSquares > 0 ? 1 / Math.Sqrt(sumOfSquares) : 0;
        var result = new float[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            result[i] = (float)(raw[i] * scale);
        }

        return result;
    }
}
