using System.Drawing;
using Aird.Stream.Vision.Detection;

namespace Aird.Stream.Vision.Tests.Detection;

public class TileTests
{
    [Fact]
    public void Detections_are_scaled_and_shifted_into_the_frame()
    {
        var tile = new Tile(100, 50, 512);
        var points = Enumerable.Range(0, 6).Select(k => new PointF(10 * k, 20)).ToArray();
        var inInput = new FaceDetection(new RectangleF(10, 20, 30, 40), 0.9f, points);

        var inFrame = tile.ToFrame(inInput, 256);

        Assert.Equal(new RectangleF(120, 90, 60, 80), inFrame.Box);
        Assert.Equal(0.9f, inFrame.Score);
        Assert.Equal(new PointF(100, 90), inFrame.Keypoints[0]);
        Assert.Equal(new PointF(200, 90), inFrame.Keypoints[5]);
    }

    [Fact]
    public void A_face_cut_by_an_inner_tile_edge_is_flagged_but_not_one_at_the_frame_edge()
    {
        var inner = new Tile(100, 100, 200);
        var atFrameCorner = new Tile(0, 0, 200);

        Assert.True(inner.Cuts(new RectangleF(80, 150, 40, 40), 1000, 1000));
        Assert.True(inner.Cuts(new RectangleF(150, 280, 40, 40), 1000, 1000));
        Assert.False(inner.Cuts(new RectangleF(95, 150, 40, 40), 1000, 1000));
        Assert.False(atFrameCorner.Cuts(new RectangleF(-20, -20, 40, 40), 1000, 1000));
        Assert.False(atFrameCorner.Cuts(new RectangleF(180, 180, 40, 40), 200, 200));
    }
}
