using System.Text.Json.Serialization;
using Aird.Stream.Evaluation.Metrics;

namespace Aird.Stream.Evaluation.Reporting;

/// <summary>
/// One protocol row. Verification rows fill the accuracy columns, open-set rows the identification columns; the
/// others stay null so that every row has the same keys.
/// </summary>
public sealed record ReportRow
{
    [JsonPropertyName("protocol")]
    public required string Protocol { get; init; }

    [JsonPropertyName("size_px")]
    public int? SizePx { get; init; }

    [JsonPropertyName("camera")]
    public string? Camera { get; init; }

    [JsonPropertyName("facebn")]
    public bool FaceBn { get; init; }

    [JsonPropertyName("pairs")]
    public int? Pairs { get; init; }

    [JsonPropertyName("accuracy")]
    public double? Accuracy { get; init; }

    [JsonPropertyName("accuracy_std")]
    public double? AccuracyStd { get; init; }

    [JsonPropertyName("auc")]
    public double? Auc { get; init; }

    [JsonPropertyName("tar_at_far_1e-2")]
    public double? TarAtFar1e2 { get; init; }

    [JsonPropertyName("tar_at_far_1e-3")]
    public double? TarAtFar1e3 { get; init; }

    [JsonPropertyName("rank1")]
    public double? Rank1 { get; init; }

    [JsonPropertyName("fnir_at_fpir_1e-2")]
    public double? FnirAtFpir1e2 { get; init; }

    [JsonPropertyName("fnir_at_fpir_1e-1")]
    public double? FnirAtFpir1e1 { get; init; }

    /// <summary>The similarity threshold at FPIR 1e-2: a watchlist match threshold for that false-alert rate.</summary>
    [JsonPropertyName("threshold_at_fpir_1e-2")]
    public double? ThresholdAtFpir1e2 { get; init; }

    [JsonPropertyName("threshold_at_fpir_1e-1")]
    public double? ThresholdAtFpir1e1 { get; init; }

    public static ReportRow FromVerification(string protocol, int? sizePx, VerificationResult result, bool faceBn = false, string? camera = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ReportRow
        {
            Protocol = protocol,
            SizePx = sizePx,
            Camera = camera,
            FaceBn = faceBn,
            Pairs = result.Pairs,
            Accuracy = result.Accuracy,
            AccuracyStd = result.AccuracyStd,
            Auc = result.Auc,
            TarAtFar1e2 = result.TarAtFar1e2,
            TarAtFar1e3 = result.TarAtFar1e3,
        };
    }

    public static ReportRow FromOpenSet(int? sizePx, OpenSetResult result, bool faceBn = false, string? camera = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ReportRow
        {
            Protocol = camera is null ? ProtocolNames.OpenSet : ProtocolNames.CameraShift,
            SizePx = sizePx,
            Camera = camera,
            FaceBn = faceBn,
            Rank1 = result.Rank1,
            FnirAtFpir1e2 = result.FnirAtFpir1e2,
            FnirAtFpir1e1 = result.FnirAtFpir1e1,
            ThresholdAtFpir1e2 = result.ThresholdAtFpir1e2,
            ThresholdAtFpir1e1 = result.ThresholdAtFpir1e1,
        };
    }
}
