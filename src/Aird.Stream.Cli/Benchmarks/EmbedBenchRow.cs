using Aird.Stream.Models.Runtime;

namespace Aird.Stream.Cli.Benchmarks;

/// <summary>One measured configuration of <c>aird bench embed</c>. Latencies are of whole
/// <see cref="FaceEmbedder.Embed"/> calls: input conversion, inference and normalisation.</summary>
internal sealed record EmbedBenchRow(
    string Model,
    OnnxExecutionProvider Provider,
    int Batch,
    int Batches,
    double Seconds,
    double FacesPerSecond,
    double MsPerBatchP50,
    double MsPerBatchP95,
    double MsPerFace);
