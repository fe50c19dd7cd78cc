using System.Globalization;
using System.Text.Json.Serialization;

namespace Aird.Stream.Cli.Benchmarks;

/// <summary>The report of <c>aird bench pipeline</c>: the machine, the clip every camera played, one row per camera count.</summary>
internal sealed record PipelineBenchReport(MachineInfo Machine, PipelineBenchClip Clip, IReadOnlyList<PipelineBenchRow> Rows)
{
    [JsonPropertyOrder(-1)]
    public string Name { get; } = "pipeline";

    public Task WriteAsync(string path, CancellationToken cancellationToken) =>
        BenchReportFile.WriteAsync(path, this, cancellationToken);

    public string ToTable() => TextTable.Format(
        ["cameras", "frames/s", "crops/s", "embeddings/s", "sightings/s", "alerts", "latency p50 ms", "p95 ms", "CPU cores busy", "wall s", "drained"],
        Rows.Select(r => (IReadOnlyList<string>)
        [
            r.Cameras.ToString(CultureInfo.InvariantCulture),
            Rate(r.IngestFramesPerSecond),
            Rate(r.IngestCropsPerSecond),
            Rate(r.RecognizerEmbeddingsPerSecond),
            Rate(r.MatcherSightingsPerSecond),
            r.Alerts.ToString(CultureInfo.InvariantCulture),
            r.AlertLatency is { } l ? l.P50Ms.ToString("0", CultureInfo.InvariantCulture) : "-",
            r.AlertLatency is { } m ? m.P95Ms.ToString("0", CultureInfo.InvariantCulture) : "-",
            r.CpuCoresBusy.ToString("0.00", CultureInfo.InvariantCulture),
            r.WallSeconds.ToString("0.0", CultureInfo.InvariantCulture),
            r.Drained ? "yes" : "no",
        ]));

    private static string Rate(double? perSecond) => perSecond?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-";
}
