using System.Globalization;
using System.Text;

namespace Aird.Stream.Cli.Pipeline;

/// <summary>
/// The demo's verdict against the clip's ground truth: which enrolled people were alerted, which not, and which
/// alerts named someone the face did not belong to (a passer-by nobody enrolled, or another enrolled person). The
/// face behind an alert is found from its stored box: each person walks a lane of their own. Pure.
/// </summary>
internal static class DemoReport
{
    /// <param name="faceCentresY">The vertical centre of each alert's face box, by face id.</param>
    public static string Format(IReadOnlyList<DemoPerson> cast, IReadOnlyList<ReceivedAlert> alerts, IReadOnlyDictionary<string, float> faceCentresY)
    {
        ArgumentNullException.ThrowIfNull(cast);
        ArgumentNullException.ThrowIfNull(alerts);
        ArgumentNullException.ThrowIfNull(faceCentresY);
        var judged = alerts.Select(a => (Alert: a, Face: faceCentresY.TryGetValue(a.FaceId, out var y) ? DemoCast.ByLane(cast, y) : null)).ToList();
        var correct = judged.Where(j => j.Face is { Enrolled: true } && j.Face.DisplayName == j.Alert.Subject).ToList();
        var enrolled = cast.Where(p => p.Enrolled).ToList();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Enrolled people alerted: {enrolled.Count(p => correct.Any(c => c.Face == p))} of {enrolled.Count}.");
        foreach (var person in enrolled)
        {
            var own = correct.Where(c => c.Face == person).Select(c => c.Alert).ToList();
            text.AppendLine(own.Count > 0
                ? string.Create(CultureInfo.InvariantCulture, $"  alerted      {person.DisplayName} (face {person.Clip.FaceWidthPx} px): {own.Count} alert(s), best similarity {own.Max(a => a.Similarity):0.000}")
                : string.Create(CultureInfo.InvariantCulture, $"  not alerted  {person.DisplayName} (face {person.Clip.FaceWidthPx} px)"));
        }

        var wrong = judged.Except(correct).ToList();
        text.AppendLine(CultureInfo.InvariantCulture, $"Alerts on the wrong face (a passer-by not enrolled, or someone else): {wrong.Count}.");
        foreach (var (alert, face) in wrong)
        {
            var whose = face is null ? "a face not found in the database"
                : face.Enrolled ? $"enrolled {face.DisplayName}"
                : $"{face.DisplayName} (not enrolled)";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {alert.Subject ?? "(unknown face)"} named on the face of {whose}, similarity {alert.Similarity:0.000}");
        }

        return text.ToString();
    }
}
