using System.Text.Json;
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
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
    };

    [JsonPropertyOrder(-1)]
    public string Name { get; } = "embed";

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, this, JsonOptions, cancellationToken);
    }
}
