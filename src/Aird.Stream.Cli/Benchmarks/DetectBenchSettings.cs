using Aird.Stream.Models.Runtime;

namespace Aird.Stream.Cli.Benchmarks;

/// <summary>What <c>aird bench detect</c> measures: every face range on every provider, each for
/// <see cref="Duration"/> of timed frames. The frames are the first of <see cref="Video"/> when given, else
/// synthetic with faces from <see cref="LfwFolder"/>, LFW's root (with peopleDevTest.txt).</summary>
internal sealed record DetectBenchSettings(
    IReadOnlyList<DetectFaceRange> Ranges,
    ExecutionProviderPreference Provider,
    TimeSpan Duration,
    int Threads,
    string LfwFolder,
    string? Video);
