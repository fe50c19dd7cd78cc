namespace Aird.Stream.Cli.Benchmarks;

/// <summary>What <c>aird bench detect-recall</c> measures: <see cref="Frames"/> frames of <see cref="FacesPerFrame"/>
/// LFW DevTest faces (from <see cref="LfwFolder"/>) for each of <see cref="WidthsPx"/>, all through one detector
/// set up for <see cref="Range"/>.</summary>
internal sealed record DetectRecallSettings(
    IReadOnlyList<int> WidthsPx,
    int Frames,
    int FacesPerFrame,
    DetectFaceRange Range,
    int Threads,
    string LfwFolder);
