using Aird.Stream.Models.Runtime;

namespace Aird.Stream.Cli.Benchmarks;

/// <summary>One measured face range on one provider of <c>aird bench detect</c>. Latencies are of whole
/// detector calls on a frame (every tile, decoding and NMS); <see cref="MsPerTile"/> is the mean frame time over
/// the tiles of a frame.</summary>
internal sealed record DetectBenchRow(
    string FaceRange,
    OnnxExecutionProvider Provider,
    int TilesPerFrame,
    int Frames,
    double Seconds,
    double FramesPerSecond,
    double MsPerFrameP50,
    double MsPerFrameP95,
    double MsPerTile,
    double FacesPerFrame);
