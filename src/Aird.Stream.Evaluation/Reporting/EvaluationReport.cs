using System.Text.Json.Serialization;

namespace Aird.Stream.Evaluation.Reporting;

/// <summary>The stable, machine-readable report of <c>aird eval --json</c> (docs/evaluation.md, "Report format").</summary>
public sealed record EvaluationReport(
    [property: JsonPropertyName("model")] ModelInfo Model,
    [property: JsonPropertyName("dataset")] DatasetInfo Dataset,
    [property: JsonPropertyName("rows")] IReadOnlyList<ReportRow> Rows,
    [property: JsonPropertyName("faces_not_detected")] int FacesNotDetected,
    [property: JsonPropertyName("seconds")] double Seconds)
{
    /// <summary>Camera shift only: accuracy per camera with its FaceBN state frozen after n faces.</summary>
    [JsonPropertyName("facebn_warmup")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Pipeline.FaceBnWarmupPoint>? FaceBnWarmup { get; init; }
}

public sealed record ModelInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("sha256")] string Sha256);

public sealed record DatasetInfo(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("pairs_file")] string PairsFile);
