using System.Drawing;
using OpenCvSharp;

namespace Aird.Stream.Vision.Tests;

/// <summary>A frame with LFW faces pasted at known positions and widths, for measuring small-face detection.</summary>
internal sealed class SyntheticScene : IDisposable
{
    /// <summary>Where BlazeFace puts the face in a 250x250 deep-funneled LFW image (mean over DevTest images,
    /// measured with the back-256 model); a pasted face's true box is this box scaled and moved.</summary>
    public static readonly RectangleF LfwFaceBox = new(59, 88, 108, 108);

    // The pasted patch is the face box grown by this fraction on every side (hair, chin, some background),
    // cut to an ellipse so that no rectangle edge frames the face.
    private const float Context = 0.35f;

    private SyntheticScene(Mat frame, IReadOnlyList<RectangleF> faces)
    {
        Frame = frame;
        Faces = faces;
    }

    public Mat Frame { get; }

    public IReadOnlyList<RectangleF> Faces { get; }

    public static SyntheticScene Create(int width, int height, SceneBackground background, IReadOnlyList<(string Image, int Width)> faces, int seed)
    {
        var frame = CreateBackground(width, height, background, seed);
        var random = new Random(seed);
        var margin = LfwFaceBox.Width * Context;
        var crop = new Rect((int)(LfwFaceBox.X - margin), (int)(LfwFaceBox.Y - margin), (int)(LfwFaceBox.Width + (2 * margin)), (int)(LfwFaceBox.Height + (2 * margin)));
        // One face per cell of a coarse grid keeps faces apart; cells are picked at random.
        var cell = Math.Max(160, (int)(faces.Max(f => f.Width) / LfwFaceBox.Width * crop.Width) + 8);
        var cells = Enumerable.Range(0, (width / cell) * (height / cell)).OrderBy(_ => random.Next()).ToList();
        if (faces.Count > cells.Count)
        {
            throw new ArgumentException($"At most {cells.Count} faces fit in a {width}x{height} frame.", nameof(faces));
        }

        var boxes = new List<RectangleF>();
        for (var i = 0; i < faces.Count; i++)
        {
            var (image, faceWidth) = faces[i];
            using var source = ImageFiles.ReadBgr(image);
            var scale = faceWidth / LfwFaceBox.Width;
            var side = (int)Math.Round(crop.Width * scale);
            var x = (cells[i] % (width / cell) * cell) + random.Next(cell - side);
            var y = (cells[i] / (width / cell) * cell) + random.Next(cell - side);
            Paste(frame, source, crop, new Rect(x, y, side, side));
            boxes.Add(new RectangleF(x + ((LfwFaceBox.X - crop.X) * scale), y + ((LfwFaceBox.Y - crop.Y) * scale), faceWidth, faceWidth));
        }

        return new SyntheticScene(frame, boxes);
    }

    /// <summary>True when <paramref name="found"/> has the truth's centre within 35% of its width and a width
    /// within -40%..+60% of it.</summary>
    public static bool Matches(RectangleF truth, RectangleF found)
    {
        var dx = (truth.X + (truth.Width / 2)) - (found.X + (found.Width / 2));
        var dy = (truth.Y + (truth.Height / 2)) - (found.Y + (found.Height / 2));
        var ratio = found.Width / truth.Width;
        return MathF.Sqrt((dx * dx) + (dy * dy)) <= 0.35f * truth.Width && ratio is >= 0.6f and <= 1.6f;
    }

    public void Dispose() => Frame.Dispose();

    private static Mat CreateBackground(int width, int height, SceneBackground background, int seed)
    {
        var frame = new Mat(height, width, MatType.CV_8UC3, new Scalar(120, 125, 130));
        if (background == SceneBackground.Plain)
        {
            return frame;
        }

        Cv2.SetTheRNG((ulong)seed);
        Cv2.Randn(frame, new Scalar(128, 128, 128), new Scalar(40, 40, 40));
        if (background == SceneBackground.Texture)
        {
            // Blurred noise, stretched back to full contrast: blotches and edges at many scales.
            Cv2.GaussianBlur(frame, frame, new OpenCvSharp.Size(0, 0), 6);
            Cv2.Normalize(frame, frame, 0, 255, NormTypes.MinMax);
        }

        return frame;
    }

    private static void Paste(Mat frame, Mat source, Rect crop, Rect target)
    {
        using var cropped = new Mat(source, crop);
        using var patch = cropped.Resize(target.Size, 0, 0, InterpolationFlags.Area);
        using var mask = new Mat(target.Size, MatType.CV_8UC1, Scalar.All(0));
        var axes = new OpenCvSharp.Size(target.Width * 0.42, target.Height * 0.5);
        Cv2.Ellipse(mask, new OpenCvSharp.Point(target.Width / 2, target.Height / 2), axes, 0, 0, 360, Scalar.All(255), -1);
        using var region = new Mat(frame, target);
        patch.CopyTo(region, mask);
    }
}
