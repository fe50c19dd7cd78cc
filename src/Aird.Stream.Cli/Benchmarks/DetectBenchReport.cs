using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aird.Stream.Cli.Benchmarks;

/// <summary>The <c>--json</c> report of <c>aird bench detect</c> (the benchmark report format of
/// docs/evaluation.md: name, machine, rows), with what the frames held.</summary>
internal sealed record DetectBenchReport(MachineInfo Machine, DetectFrameSource Frames, IReadOnlyList<DetectBenchRow> Rows)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
    };

    [JsonPropertyOrder(-1)]
    public string Name { get; } = "detect";

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, this, JsonOptions, cancellationToken);
    }
}
