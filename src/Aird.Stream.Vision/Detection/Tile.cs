using System.Drawing;

namespace Aird.Stream.Vision.Detection;

/// <summary>A square window of the frame, <see cref="Size"/> frame pixels wide, scaled to the model input.
/// It may reach past the right or bottom frame edge (the part outside is padded), which is how a frame
/// smaller than the tile is run whole.</summary>
internal readonly record struct Tile(int X, int Y, int Size)
{
    // A face may stick out of the tile it was found in by this fraction of its size and still count as whole:
    // predicted boxes are a little larger than the face, and a face touching the edge is often whole.
    private const float EdgeTolerance = 0.2f;

    /// <summary>Maps a detection from model-input pixels (input side <paramref name="inputSize"/>) to frame pixels.</summary>
    public FaceDetection ToFrame(FaceDetection detection, int inputSize)
    {
        var scale = Size / (float)inputSize;
        var box = detection.Box;
        var keypoints = new PointF[detection.Keypoints.Count];
        for (var k = 0; k < keypoints.Length; k++)
        {
            keypoints[k] = Map(detection.Keypoints[k], scale);
        }

        var mapped = new RectangleF(X + (box.X * scale), Y + (box.Y * scale), box.Width * scale, box.Height * scale);
        return detection with { Box = mapped, Keypoints = keypoints };
    }

    /// <summary>True when the box crosses an edge of this tile that lies inside the frame: the face is cut by the
    /// tile, and the tiling overlap guarantees that a neighbouring tile holds it whole.</summary>
    public bool Cuts(RectangleF box, int frameWidth, int frameHeight)
    {
        var dx = box.Width * EdgeTolerance;
        var dy = box.Height * EdgeTolerance;
        var right = X + Size;
        var bottom = Y + Size;
        return (X > 0 && box.Left < X - dx)
            || (Y > 0 && box.Top < Y - dy)
            || (right < frameWidth && box.Right > right + dx)
            || (bottom < frameHeight && box.Bottom > bottom + dy);
    }

    private PointF Map(PointF p, float scale) => new(X + (p.X * scale), Y + (p.Y * scale));
}
