using System.Drawing;
using Aird.Stream.Vision.Detection;

namespace Aird.Stream.Vision.Tests.Detection;

public class BlazeFaceDecoderTests
{
    private const int Stride = BlazeFaceDecoder.BoxStride;

    [Fact]
    public void A_known_anchor_and_offsets_decode_to_a_known_box_and_keypoints()
    {
        var anchors = BlazeFaceAnchors.Create(256).AsSpan(BlazeFaceAnchors.FineCount);
        var scores = Enumerable.Repeat(-10f, anchors.Length).ToArray();
        var boxes = new float[anchors.Length * Stride];
        // Coarse grid row 3, column 5, third anchor: centre ((5 + 0.5) * 32, (3 + 0.5) * 32) = (176, 112).
        var index = (((3 * 8) + 5) * 6) + 2;
        scores[index] = 2f;
        float[] row = [4, -6, 40, 44, -10, -8, 10, -8, 0, 2, 0, 12, -18, -4, 18, -4];
        row.CopyTo(boxes, index * Stride);

        var found = new List<FaceDetection>();
        BlazeFaceDecoder.Decode(scores, boxes, anchors, 0.5f, found);

        var face = Assert.Single(found);
        Assert.Equal(1 / (1 + MathF.Exp(-2f)), face.Score, 6);
        Assert.Equal(new RectangleF(180 - 20, 106 - 22, 40, 44), face.Box);
        Assert.Equal(new PointF(166, 104), face.Keypoint(FaceKeypoint.RightEye));
        Assert.Equal(new PointF(186, 104), face.Keypoint(FaceKeypoint.LeftEye));
        Assert.Equal(new PointF(176, 114), face.Keypoint(FaceKeypoint.NoseTip));
        Assert.Equal(new PointF(176, 124), face.Keypoint(FaceKeypoint.MouthCenter));
        Assert.Equal(new PointF(158, 108), face.Keypoint(FaceKeypoint.RightEar));
        Assert.Equal(new PointF(194, 108), face.Keypoint(FaceKeypoint.LeftEar));
    }

    [Fact]
    public void Scores_below_the_threshold_and_empty_boxes_are_dropped()
    {
        var anchors = BlazeFaceAnchors.Create(128).AsSpan(0, BlazeFaceAnchors.FineCount);
        var scores = new float[anchors.Length];
        var boxes = new float[anchors.Length * Stride];
        scores[0] = 0.1f;
        boxes[2] = boxes[3] = 10;
        scores[1] = 5f;

        var found = new List<FaceDetection>();
        BlazeFaceDecoder.Decode(scores, boxes, anchors, 0.6f, found);

        Assert.Empty(found);
    }

    [Fact]
    public void Extreme_logits_give_finite_scores()
    {
        var anchors = BlazeFaceAnchors.Create(128).AsSpan(0, 1);
        float[] boxes = [0, 0, 10, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        var found = new List<FaceDetection>();

        BlazeFaceDecoder.Decode([1e30f], boxes, anchors, 0.5f, found);

        Assert.Equal(1f, Assert.Single(found).Score);
    }

    [Fact]
    public void Tensors_that_do_not_match_the_anchors_are_rejected()
    {
        var anchors = BlazeFaceAnchors.Create(256);

        Assert.Throws<ArgumentException>(
            () => BlazeFaceDecoder.Decode(new float[896], new float[896 * 4], anchors, 0.5f, new List<FaceDetection>()));
    }
}
