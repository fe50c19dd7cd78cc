using System.Text.Json.Serialization;

namespace Aird.Stream.Cli.Benchmarks;

/// <summary>The <c>--json</c> report of <c>aird bench embed</c> (the benchmark report format of
/// docs/evaluation.md: name, machine, rows, and the ratios measured side by side).</summary>
internal sealed record EmbedBenchReport(
    MachineInfo Machine,
    ChipSource Chips,
    IReadOnlyList<EmbedBenchRow> Rows,
    IReadOnlyList<EmbedRatio> Ratios)
{
    [JsonPropertyOrder(-1)]
    public string Name { get; } = "embed";

    public Task WriteAsync(string path, CancellationToken cancellationToken) =>
        BenchReportFile.WriteAsync(path, this, cancellationToken);
}
