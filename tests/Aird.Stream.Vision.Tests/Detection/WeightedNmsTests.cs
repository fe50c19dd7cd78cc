using System.Drawing;
using Aird.Stream.Vision.Detection;

namespace Aird.Stream.Vision.Tests.Detection;

public class WeightedNmsTests
{
    [Fact]
    public void Duplicates_from_neighbouring_tiles_merge_into_a_score_weighted_face()
    {
        var left = Face(100, 100, 40, 0.9f);
        var right = Face(104, 102, 40, 0.3f);

        var merged = Assert.Single(WeightedNms.Merge([right, left], 0.3f));

        Assert.Equal(0.9f, merged.Score);
        Assert.Equal(101, merged.Box.X, 4);
        Assert.Equal(100.5f, merged.Box.Y, 4);
        Assert.Equal(40, merged.Box.Width, 4);
        Assert.Equal(101 + 10, merged.Keypoint(FaceKeypoint.RightEye).X, 4);
    }

    [Fact]
    public void Separate_and_barely_touching_faces_are_kept_best_first()
    {
        var a = Face(100, 100, 40, 0.6f);
        var b = Face(135, 100, 40, 0.8f);
        var c = Face(500, 300, 24, 0.7f);

        var merged = WeightedNms.Merge([a, b, c], 0.3f);

        Assert.Equal([0.8f, 0.7f, 0.6f], merged.Select(d => d.Score));
        Assert.Equal([b.Box, c.Box, a.Box], merged.Select(d => d.Box));
    }

    [Fact]
    public void Intersection_over_union_of_known_boxes()
    {
        Assert.Equal(1f, WeightedNms.IntersectionOverUnion(new RectangleF(0, 0, 10, 10), new RectangleF(0, 0, 10, 10)));
        Assert.Equal(50f / 150, WeightedNms.IntersectionOverUnion(new RectangleF(0, 0, 10, 10), new RectangleF(5, 0, 10, 10)), 6);
        Assert.Equal(0f, WeightedNms.IntersectionOverUnion(new RectangleF(0, 0, 10, 10), new RectangleF(20, 0, 10, 10)));
    }

    private static FaceDetection Face(float x, float y, float size, float score) =>
        new(
            new RectangleF(x, y, size, size),
            score,
            [.. Enumerable.Range(0, FaceDetection.KeypointCount).Select(k => new PointF(x + 10 + k, y + 10))]);
}
