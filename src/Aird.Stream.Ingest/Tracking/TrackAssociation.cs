using System.Drawing;

namespace Aird.Stream.Ingest.Tracking;

/// <summary>Greedy assignment of detections to predicted track boxes: overlapping pairs first, best overlap first,
/// then the remaining pairs within the centre-distance gate, nearest first. Greedy suffices because the
/// constant-velocity prediction keeps the right pair the clearly best one even where two faces cross.</summary>
internal static class TrackAssociation
{
    /// <returns>For every detection the index of its track in <paramref name="predicted"/>, or -1.</returns>
    public static int[] Match(IReadOnlyList<RectangleF> predicted, IReadOnlyList<RectangleF> detections, TrackerOptions options)
    {
        var pairs = new List<(int Track, int Detection, int Tier, double Cost)>();
        for (var t = 0; t < predicted.Count; t++)
        {
            for (var d = 0; d < detections.Count; d++)
            {
                if (BoxGeometry.WidthRatio(predicted[t], detections[d]) > options.MaxSizeRatio)
                {
                    continue;
                }

                var iou = BoxGeometry.IntersectionOverUnion(predicted[t], detections[d]);
                if (iou >= options.MinIou)
                {
                    pairs.Add((t, d, 0, -iou));
                    continue;
                }

                var distance = BoxGeometry.CentreDistanceInWidths(predicted[t], detections[d]);
                if (distance <= options.MaxCentreDistance)
                {
                    pairs.Add((t, d, 1, distance));
                }
            }
        }

        pairs.Sort((a, b) => a.Tier != b.Tier ? a.Tier.CompareTo(b.Tier) : a.Cost.CompareTo(b.Cost));
        var trackOf = new int[detections.Count];
        Array.Fill(trackOf, -1);
        var trackTaken = new bool[predicted.Count];
        foreach (var (track, detection, _, _) in pairs)
        {
            if (!trackTaken[track] && trackOf[detection] < 0)
            {
                trackTaken[track] = true;
                trackOf[detection] = track;
            }
        }

        return trackOf;
    }
}
