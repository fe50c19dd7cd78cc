using System.Drawing;

namespace Aird.Stream.Vision.Detection;

/// <summary>BlazeFace-style weighted non-maximum suppression: overlapping detections of one face (from one tile,
/// neighbouring tiles or several levels) are blended into one, weighted by score, instead of keeping only the
/// best; this steadies boxes and keypoints, which matters for alignment.</summary>
internal static class WeightedNms
{
    public static IReadOnlyList<FaceDetection> Merge(IEnumerable<FaceDetection> detections, float iouThreshold)
    {
        var remaining = detections.OrderByDescending(d => d.Score).ToList();
        var merged = new List<FaceDetection>();
        while (remaining.Count > 0)
        {
            var best = remaining[0];
            var cluster = remaining.Where(d => IntersectionOverUnion(best.Box, d.Box) > iouThreshold).ToList();
            if (cluster.Count == 0)
            {
                // Only a degenerate best box overlaps nothing, not even itself.
                cluster.Add(best);
            }

            remaining.RemoveAll(cluster.Contains);
            merged.Add(Blend(cluster, best.Score));
        }

        return merged;
    }

    public static float IntersectionOverUnion(RectangleF a, RectangleF b)
    {
        var inter = RectangleF.Intersect(a, b);
        if (inter.Width <= 0 || inter.Height <= 0)
        {
            return 0;
        }

        var interArea = inter.Width * inter.Height;
        var union = (a.Width * a.Height) + (b.Width * b.Height) - interArea;
        return union > 0 ? interArea / union : 0;
    }

    private static FaceDetection Blend(List<FaceDetection> cluster, float score)
    {
        if (cluster.Count == 1)
        {
            return cluster[0];
        }

        float total = 0, x = 0, y = 0, w = 0, h = 0;
        var keypoints = new PointF[FaceDetection.KeypointCount];
        foreach (var d in cluster)
        {
            total += d.Score;
            x += d.Score * d.Box.X;
            y += d.Score * d.Box.Y;
            w += d.Score * d.Box.Width;
            h += d.Score * d.Box.Height;
            for (var k = 0; k < keypoints.Length; k++)
            {
                keypoints[k] = new PointF(
                    keypoints[k].X + (d.Score * d.Keypoints[k].X),
                    keypoints[k].Y + (d.Score * d.Keypoints[k].Y));
            }
        }

        for (var k = 0; k < keypoints.Length; k++)
        {
            keypoints[k] = new PointF(keypoints[k].X / total, keypoints[k].Y / total);
        }

        return new FaceDetection(new RectangleF(x / total, y / total, w / total, h / total), score, keypoints);
    }
}
