using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aird.Stream.Cli.Benchmarks;

/// <summary>Writes the <c>--json</c> reports of <c>aird bench</c>: indented snake_case JSON, enums as names.</summary>
internal static class BenchReportFile
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = true,
    };

    public static async Task WriteAsync<T>(string path, T report, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, report, JsonOptions, cancellationToken);
    }
}
