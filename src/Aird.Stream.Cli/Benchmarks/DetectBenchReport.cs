using System.Text.Json.Serialization;

namespace Aird.Stream.Cli.Benchmarks;

/// <summary>The <c>--json</c> report of <c>aird bench detect</c> (the benchmark report format of
/// docs/evaluation.md: name, machine, rows), with what the frames held.</summary>
internal sealed record DetectBenchReport(MachineInfo Machine, DetectFrameSource Frames, IReadOnlyList<DetectBenchRow> Rows)
{
    [JsonPropertyOrder(-1)]
    public string Name { get; } = "detect";

    public Task WriteAsync(string path, CancellationToken cancellationToken) =>
        BenchReportFile.WriteAsync(path, this, cancellationToken);
}
