using Aird.Stream.Models.Runtime;

namespace Aird.Stream.Cli.Benchmarks;

/// <summary>What <c>aird bench embed</c> measures. <see cref="Model"/> and <see cref="Compare"/> are
/// <see cref="EmbedBenchRunner.TeacherModelName"/> or the path of an ONNX embedder.</summary>
internal sealed record EmbedBenchSettings(
    string Model,
    string? Compare,
    ExecutionProviderPreference Provider,
    IReadOnlyList<int> Batches,
    TimeSpan Duration,
    int Threads,
    string ImagesFolder,
    string CacheFolder);
