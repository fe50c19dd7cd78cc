using System.Drawing;

namespace Aird.Stream.Ingest.Tracking;

internal static class BoxGeometry
{
    public static (double X, double Y) Centre(RectangleF box) =>
        (box.X + (box.Width / 2.0), box.Y + (box.Height / 2.0));

    public static double IntersectionOverUnion(RectangleF a, RectangleF b)
    {
        var inter = RectangleF.Intersect(a, b);
        if (inter.Width <= 0 || inter.Height <= 0)
        {
            return 0;
        }

        var interArea = (double)inter.Width * inter.Height;
        var union = ((double)a.Width * a.Height) + ((double)b.Width * b.Height) - interArea;
        return union > 0 ? interArea / union : 0;
    }

    /// <summary>Distance between the centres in units of the mean width of the two boxes, so that one gate serves
    /// small and large faces alike.</summary>
    public static double CentreDistanceInWidths(RectangleF a, RectangleF b)
    {
        var (ax, ay) = Centre(a);
        var (bx, by) = Centre(b);
        var meanWidth = (a.Width + b.Width) / 2.0;
        return Math.Sqrt(((ax - bx) * (ax - bx)) + ((ay - by) * (ay - by))) / meanWidth;
    }

    public static double WidthRatio(RectangleF a, RectangleF b) =>
        Math.Max(a.Width, b.Width) / (double)Math.Min(a.Width, b.Width);

    public static bool IsUsable(RectangleF box) =>
        float.IsFinite(box.X) && float.IsFinite(box.Y) && box.Width > 0 && box.Height > 0
        && float.IsFinite(box.Width) && float.IsFinite(box.Height);
}
