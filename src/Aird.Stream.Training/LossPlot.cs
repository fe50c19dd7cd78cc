using ScottPlot;

namespace Aird.Stream.Training;

/// <summary>The training losses against the step, as a PNG next to the log.</summary>
public static class LossPlot
{
    public static void Save(string path, string title, IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var plot = new Plot();
        var steps = rows.Select(r => r[0]).ToArray();
        string[] names = ["total", "1 - cos (L_IlD)", "prediction KL (L_IlD)", "relation KL (L_RlD)"];
        for (var column = 1; column <= names.Length; column++)
        {
            var values = rows.Select(r => r[column]).ToArray();
            if (values.Any(v => v != 0))
            {
                plot.Add.Scatter(steps, values).LegendText = names[column - 1];
            }
        }

        plot.Title(title);
        plot.XLabel("step");
        plot.YLabel("loss (running mean)");
        plot.Axes.SetLimitsY(0, Math.Max(1e-3, rows.Count == 0 ? 1 : rows.Max(r => r[1]) * 1.05));
        plot.ShowLegend(Alignment.UpperRight);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        plot.SavePng(path, 900, 500);
    }
}
