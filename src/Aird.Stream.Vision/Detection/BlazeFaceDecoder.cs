using System.Drawing;

namespace Aird.Stream.Vision.Detection;

/// <summary>Turns the raw BlazeFace tensors of one model input into detections in input pixels.</summary>
internal static class BlazeFaceDecoder
{
    /// <summary>Values per box row: centre offset dx, dy, width, height, then 6 keypoints as (x, y) offsets.</summary>
    public const int BoxStride = 4 + (2 * FaceDetection.KeypointCount);

    // MediaPipe clips logits to this range before the sigmoid; it also keeps exp() finite.
    private const float LogitClip = 100f;

    /// <summary>Decodes rows whose score passes <paramref name="scoreThreshold"/>. <paramref name="scores"/> holds one
    /// logit per anchor, <paramref name="boxes"/> <see cref="BoxStride"/> values per anchor.</summary>
    public static void Decode(
        ReadOnlySpan<float> scores,
        ReadOnlySpan<float> boxes,
        ReadOnlySpan<PointF> anchors,
        float scoreThreshold,
        ICollection<FaceDetection> into)
    {
        if (scores.Length != anchors.Length || boxes.Length != anchors.Length * BoxStride)
        {
            throw new ArgumentException(
                $"Tensor sizes do not match {anchors.Length} anchors: {scores.Length} scores, {boxes.Length} box values.");
        }

        for (var i = 0; i < anchors.Length; i++)
        {
            var score = Sigmoid(Math.Clamp(scores[i], -LogitClip, LogitClip));
            if (score < scoreThreshold)
            {
                continue;
            }

            var row = boxes.Slice(i * BoxStride, BoxStride);
            var anchor = anchors[i];
            var cx = anchor.X + row[0];
            var cy = anchor.Y + row[1];
            var w = row[2];
            var h = row[3];
            if (!(w > 0 && h > 0))
            {
                continue;
            }

            var keypoints = new PointF[FaceDetection.KeypointCount];
            for (var k = 0; k < keypoints.Length; k++)
            {
                keypoints[k] = new PointF(anchor.X + row[4 + (2 * k)], anchor.Y + row[5 + (2 * k)]);
            }

            into.Add(new FaceDetection(new RectangleF(cx - (w / 2), cy - (h / 2), w, h), score, keypoints));
        }
    }

    private static float Sigmoid(float logit) => 1f / (1f + MathF.Exp(-logit));
}
