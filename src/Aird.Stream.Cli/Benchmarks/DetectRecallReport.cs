using System.Text.Json.Serialization;

namespace Aird.Stream.Cli.Benchmarks;

/// <summary>The <c>--json</c> report of <c>aird bench detect-recall</c> (the benchmark report format of
/// docs/evaluation.md: name, machine, rows), with the detector's face range and score threshold.</summary>
internal sealed record DetectRecallReport(
    MachineInfo Machine, string FaceRange, float ScoreThreshold, bool Synthetic, IReadOnlyList<DetectRecallRow> Rows)
{
    [JsonPropertyOrder(-1)]
    public string Name { get; } = "detect_recall";

    public Task WriteAsync(string path, CancellationToken cancellationToken) =>
        BenchReportFile.WriteAsync(path, this, cancellationToken);
}
