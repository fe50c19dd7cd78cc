namespace Aird.Stream.Evaluation.Pipeline;

/// <summary>Cosine similarity of L2-normalised embeddings: their dot product, accumulated in double.</summary>
internal static class Similarity
{
    public static double Cosine(float[] a, float[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * (double)b[i];
        }

        return sum;
    }
}
