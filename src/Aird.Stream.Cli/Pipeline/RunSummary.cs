using System.Globalization;
using System.Text;
using Aird.Stream.Cli.Benchmarks;

namespace Aird.Stream.Cli.Pipeline;

/// <summary>The summary <c>aird run</c> and <c>aird demo</c> print at the end: per camera, per subject, totals.</summary>
internal static class RunSummary
{
    public static string Format(PipelineRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var counts = result.Counts;
        var text = new StringBuilder();
        var ending = result.Outcome switch
        {
            DrainState.Drained => "every camera ended and the pipeline drained",
            DrainState.Stalled => "every camera ended; the pipeline did NOT drain (see the log)",
            _ => "interrupted",
        };
        text.AppendLine(CultureInfo.InvariantCulture, $"Summary: {result.WallTime.TotalSeconds:0.0} s wall time, {ending}.");

        var rows = result.CameraIds.Order(StringComparer.Ordinal).Select(camera => Row(
            camera,
            counts.Frames.GetValueOrDefault(camera) + counts.FramesFailed.GetValueOrDefault(camera),
            counts.Faces.GetValueOrDefault(camera),
            result.Sightings.GetValueOrDefault(camera)?.Tracks ?? 0,
            counts.Crops.GetValueOrDefault(camera),
            result.Sightings.GetValueOrDefault(camera)?.Sightings ?? 0,
            result.Alerts.Count(a => a.CameraId == camera))).ToList();
        rows.Add(Row(
            "total",
            counts.TotalFrames,
            counts.TotalFaces,
            result.Sightings.Values.Sum(s => s.Tracks),
            counts.TotalCrops,
            result.TotalSightings,
            result.Alerts.Count));
        text.Append(TextTable.Format(["camera", "frames", "faces", "tracks", "crops", "sightings", "alerts"], rows));
        text.AppendLine(CultureInfo.InvariantCulture, $"Recognizer: {counts.Embedded} embedded, {counts.Rejected} rejected; dead letters: {counts.DeadLettered.Values.Sum()}.");

        if (result.Alerts.Count == 0)
        {
            text.AppendLine("Alerts per subject: none.");
            return text.ToString();
        }

        text.AppendLine("Alerts per subject:");
        var subjects = result.Alerts
            .GroupBy(a => (a.Watchlist, Subject: a.Subject ?? "(unknown face)"))
            .OrderBy(g => g.Key.Subject, StringComparer.Ordinal)
            .Select(g => (IReadOnlyList<string>)
            [
                g.Key.Subject,
                g.Key.Watchlist,
                g.Count().ToString(CultureInfo.InvariantCulture),
                string.Join(",", g.Select(a => a.CameraId).Distinct().Order(StringComparer.Ordinal)),
                g.Max(a => a.Similarity).ToString("0.000", CultureInfo.InvariantCulture),
            ]);
        text.Append(TextTable.Format(["subject", "watchlist", "alerts", "cameras", "best similarity"], subjects));
        return text.ToString();
    }

    private static IReadOnlyList<string> Row(string name, params long[] values) =>
        [name, .. values.Select(v => v.ToString(CultureInfo.InvariantCulture))];
}
