using System.Globalization;
using Aird.Stream.Evaluation.Metrics;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Aird.Stream.Evaluation.Reporting;

/// <summary>ROC and DET curves as PNG files, several models or protocols on one plot, error rates on log axes.</summary>
public static class CurvePlots
{
    // Rates below this are drawn at this value so that zero stays on a log axis.
    private const double FloorRate = 1e-4;

    /// <summary>ROC: true accept rate against false accept rate (log).</summary>
    public static void SaveRoc(string path, string title, IEnumerable<(string Label, IReadOnlyList<CurvePoint> Points)> curves) =>
        Save(path, title, curves, "False accept rate (FAR)", "True accept rate (TAR)", logY: false);

    /// <summary>DET: false negative identification rate against false positive identification rate (both log).</summary>
    public static void SaveDet(string path, string title, IEnumerable<(string Label, IReadOnlyList<CurvePoint> Points)> curves) =>
        Save(path, title, curves, "False positive identification rate (FPIR)", "False negative identification rate (FNIR)", logY: true);

    private static void Save(
        string path,
        string title,
        IEnumerable<(string Label, IReadOnlyList<CurvePoint> Points)> curves,
        string xLabel,
        string yLabel,
        bool logY)
    {
        using var plot = new Plot();
        var lowestY = 0.0;
        foreach (var (label, points) in curves)
        {
            var xs = points.Select(p => Math.Log10(Math.Max(p.X, FloorRate))).ToArray();
            var ys = points.Select(p => logY ? Math.Log10(Math.Max(p.Y, FloorRate)) : p.Y).ToArray();
            var line = plot.Add.ScatterLine(xs, ys);
            line.LegendText = label;
            line.LineWidth = 2;
            lowestY = Math.Min(lowestY, ys.DefaultIfEmpty(0).Min());
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.Axes.Bottom.TickGenerator = LogTicks();
        plot.Axes.SetLimitsX(Math.Log10(FloorRate), 0);
        if (logY)
        {
            plot.Axes.Left.TickGenerator = LogTicks();
            // Start the log axis at the decade below the lowest error rate drawn, not at the floor.
            plot.Axes.SetLimitsY(Math.Min(Math.Floor(lowestY), -1), 0);
        }
        else
        {
            plot.Axes.SetLimitsY(0, 1.01);
        }

        plot.ShowLegend(Alignment.LowerRight);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        plot.SavePng(path, 900, 700);
    }

    private static NumericAutomatic LogTicks() => new()
    {
        MinorTickGenerator = new LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = value => Math.Pow(10, value).ToString("0.####", CultureInfo.InvariantCulture),
    };
}
