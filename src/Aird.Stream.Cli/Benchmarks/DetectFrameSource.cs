namespace Aird.Stream.Cli.Benchmarks;

/// <summary>What the benchmark frames hold, as reported with the figures: <see cref="Synthetic"/> when the faces
/// are drawn blobs rather than real faces (no LFW here), so faces found per frame says little;
/// <see cref="FacesPerFrame"/> is null for a video's frames, whose faces nobody counted.</summary>
internal sealed record DetectFrameSource(string Description, int Frames, int Width, int Height, int? FacesPerFrame, bool Synthetic);
