namespace Aird.Stream.Cli.Benchmarks;

/// <summary>One face width on one background of <c>aird bench detect-recall</c> (<see cref="Background"/> "all" sums
/// the width's backgrounds): the faces pasted, how many the detector found, and its detections that matched no face,
/// per frame.</summary>
internal sealed record DetectRecallRow(
    int WidthPx, string Background, int Frames, int Faces, int Found, double Recall, double FalsePositivesPerFrame)
{
    public const string AllBackgrounds = "all";
}
