namespace Aird.Stream.Evaluation.Protocols;

/// <summary>One line of an LFW-style pairs file: two images (identity folder and 1-based image number).</summary>
public sealed record FacePair(string NameA, int ImageA, string NameB, int ImageB)
{
    public bool SameIdentity => string.Equals(NameA, NameB, StringComparison.Ordinal);

    /// <summary>The image path relative to the dataset root, e.g. <c>Aaron_Peirsol/Aaron_Peirsol_0002.jpg</c>.</summary>
    public static string ImagePath(string name, int number) => Path.Combine(name, $"{name}_{number:D4}.jpg");
}
