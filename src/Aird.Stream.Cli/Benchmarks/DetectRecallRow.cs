namespace Aird.Stream.Cli.Benchmarks;

/// <summary>One face width of <c>aird bench detect-recall</c>: the faces pasted at that width, how many the
/// detector found, and its detections that matched no face, per frame.</summary>
internal sealed record DetectRecallRow(int WidthPx, int Frames, int Faces, int Found, double Recall, double FalsePositivesPerFrame);
