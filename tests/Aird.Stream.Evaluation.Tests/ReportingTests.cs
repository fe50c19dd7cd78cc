using System.Text.Json;
using Aird.Stream.Evaluation.Metrics;
using Aird.Stream.Evaluation.Reporting;

namespace Aird.Stream.Evaluation.Tests;

public sealed class ReportingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("aird-eval-").FullName;

    [Fact]
    public void The_json_report_has_the_documented_keys_with_explicit_nulls_and_reads_back()
    {
        var verification = new VerificationResult(1000, 0.98, 0.01, 0.99, 0.95, 0.9, []);
        var openSet = new OpenSetResult(10, 10, 0.9, 0.3, 0.1, []);
        var report = new EvaluationReport(
            new ModelInfo("teacher", "teacher.onnx", "ab12"),
            new DatasetInfo("lfw", "pairsDevTest.txt"),
            [ReportRow.FromVerification(ProtocolNames.OneSideLowResolution, 16, verification), ReportRow.FromOpenSet(24, openSet)],
            3,
            12.5);
        var path = Path.Combine(folder, "report.json");

        ReportJson.Write(path, report);

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var row = json.RootElement.GetProperty("rows")[0];
        Assert.Equal(
            ["protocol", "size_px", "camera", "facebn", "pairs", "accuracy", "accuracy_std", "auc", "tar_at_far_1e-2",
             "tar_at_far_1e-3", "rank1", "fnir_at_fpir_1e-2", "fnir_at_fpir_1e-1",
             "threshold_at_fpir_1e-2", "threshold_at_fpir_1e-1"],
            row.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, row.GetProperty("rank1").ValueKind);
        Assert.Equal(3, json.RootElement.GetProperty("faces_not_detected").GetInt32());
        Assert.Equal(report.Rows, ReportJson.Read(path).Rows);
    }

    [Fact]
    public void Roc_and_det_plots_are_written_as_png()
    {
        CurvePoint[] curve = [new(0.9, 0.0, 0.5), new(0.5, 0.01, 0.8), new(0.1, 0.5, 0.99), new(0.0, 1.0, 1.0)];
        var roc = Path.Combine(folder, "roc.png");
        var det = Path.Combine(folder, "det.png");

        CurvePlots.SaveRoc(roc, "ROC", [("teacher HR", curve)]);
        CurvePlots.SaveDet(det, "DET", [("teacher 16 px", curve)]);

        foreach (var png in new[] { roc, det })
        {
            var bytes = File.ReadAllBytes(png);
            Assert.True(bytes.Length > 10_000, $"{png} is only {bytes.Length} bytes");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
