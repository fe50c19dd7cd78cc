namespace Aird.Stream.Cli.Benchmarks;

/// <summary>The clip every camera of <c>aird bench pipeline</c> plays, and how the cameras sample it.</summary>
internal sealed record PipelineBenchClip(string Path, int Width, int Height, double Seconds, int People, int Enrolled, double CameraFps, int MinFacePx, int MaxFacePx);
