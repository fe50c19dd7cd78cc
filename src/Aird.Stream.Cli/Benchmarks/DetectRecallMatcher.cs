using System.Drawing;
using Aird.Stream.Vision.Detection;

namespace Aird.Stream.Cli.Benchmarks;

/// <summary>Matches a frame's detections to the pasted faces. Loose on purpose: a tiny face's detected box is
/// rarely tight, so a detection counts when it overlaps the face (IoU at least <see cref="MinIou"/>) or its
/// centre lies on it; each face is matched at most once, the most confident detections first.</summary>
internal static class DetectRecallMatcher
{
    public const double MinIou = 0.3;

    /// <summary>How many of <paramref name="truth"/> were found, and how many detections matched no face.</summary>
    public static (int Found, int FalsePositives) Match(IReadOnlyList<RectangleF> truth, IReadOnlyList<FaceDetection> detections)
    {
        var matched = new bool[truth.Count];
        var falsePositives = 0;
        foreach (var detection in detections.OrderByDescending(d => d.Score))
        {
            var best = -1;
            var bestIou = -1.0;
            for (var t = 0; t < truth.Count; t++)
            {
                var iou = Iou(detection.Box, truth[t]);
                if (!matched[t] && (iou >= MinIou || Contains(truth[t], detection.Box)) && iou > bestIou)
                {
                    best = t;
                    bestIou = iou;
                }
            }

            if (best < 0)
            {
                falsePositives++;
            }
            else
            {
                matched[best] = true;
            }
        }

        return (matched.Count(m => m), falsePositives);
    }

    private static bool Contains(RectangleF face, RectangleF box) =>
        face.Contains(box.X + (box.Width / 2), box.Y + (box.Height / 2));

    private static double Iou(RectangleF a, RectangleF b)
    {
        var overlap = RectangleF.Intersect(a, b);
        var intersection = (double)overlap.Width * overlap.Height;
        var union = ((double)a.Width * a.Height) + ((double)b.Width * b.Height) - intersection;
        return union <= 0 ? 0 : intersection / union;
    }
}
