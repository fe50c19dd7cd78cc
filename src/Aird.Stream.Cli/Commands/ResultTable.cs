using System.Globalization;
using System.Text;
using Aird.Stream.Evaluation.Reporting;

namespace Aird.Stream.Cli.Commands;

/// <summary>The console table of an evaluation report: one line per row, percentages.</summary>
internal static class ResultTable
{
    public static string Format(EvaluationReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{report.Model.Name} on {Path.GetFileName(report.Dataset.PairsFile)}: {report.FacesNotDetected} image(s) without a detected face, {report.Seconds:0.0} s");
        text.AppendLine("protocol       size  camera  pairs  accuracy        AUC     TAR@1e-2  TAR@1e-3 | rank-1  FNIR@1e-2  FNIR@1e-1  t@1e-2  t@1e-1");
        foreach (var row in report.Rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{row.Protocol,-13} {Size(row.SizePx),5}  {Camera(row),-6} {row.Pairs?.ToString(CultureInfo.InvariantCulture) ?? "",6}  {Accuracy(row),-14} {Percent(row.Auc),7}  {Percent(row.TarAtFar1e2),8}  {Percent(row.TarAtFar1e3),8} | {Percent(row.Rank1),6}  {Percent(row.FnirAtFpir1e2),9}  {Percent(row.FnirAtFpir1e1),9}  {Score(row.ThresholdAtFpir1e2),6}  {Score(row.ThresholdAtFpir1e1),6}");
        }

        if (report.FaceBnWarmup is { Count: > 0 } warmup)
        {
            text.AppendLine("FaceBN warm-up: verification accuracy with each camera's state frozen after n faces");
            foreach (var camera in warmup.GroupBy(p => p.Camera))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  camera {camera.Key}: {string.Join("  ", camera.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Faces}: {p.Accuracy * 100:0.00}")))}");
            }
        }

        return text.ToString();
    }

    private static string Camera(ReportRow row) => row.Camera is null ? (row.FaceBn ? "stream" : "") : row.Camera + (row.FaceBn ? "+bn" : "");

    private static string Size(int? px) => px is { } s ? $"{s}px" : "HR";

    private static string Accuracy(ReportRow row) =>
        row.Accuracy is { } a ? string.Create(CultureInfo.InvariantCulture, $"{a * 100:0.00} ± {row.AccuracyStd * 100:0.00}") : "";

    private static string Score(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "";

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) : "";
}
