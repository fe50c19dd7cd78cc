using OpenCvSharp;

namespace Aird.Stream.Cli.Benchmarks;

/// <summary>Draws the <see cref="BenchBackground"/>s of benchmark frames; the same seed gives the same picture.</summary>
internal static class BenchBackgrounds
{
    /// <summary>Every background, in the order frames take them.</summary>
    public static IReadOnlyList<BenchBackground> All { get; } = Enum.GetValues<BenchBackground>();

    public static Mat Create(BenchBackground background, int width, int height, int seed)
    {
        var frame = new Mat(height, width, MatType.CV_8UC3);
        Cv2.SetTheRNG((ulong)seed);
        switch (background)
        {
            case BenchBackground.Plain:
                Gradient(frame, new Scalar(110, 115, 120), new Scalar(140, 140, 135));
                break;
            case BenchBackground.Noise:
                Cv2.Randn(frame, new Scalar(128, 128, 128), new Scalar(40, 40, 40));
                break;
            case BenchBackground.Texture:
                Cv2.Randn(frame, new Scalar(128, 128, 128), new Scalar(40, 40, 40));
                Cv2.GaussianBlur(frame, frame, new Size(0, 0), 6);
                Cv2.Normalize(frame, frame, 0, 255, NormTypes.MinMax);
                break;
            case BenchBackground.Clutter:
                DrawClutter(frame, new Random(seed));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(background), background, "Unknown background.");
        }

        return frame;
    }

    private static void Gradient(Mat frame, Scalar top, Scalar bottom)
    {
        var rows = frame.Rows;
        using var column = new Mat(rows, 1, MatType.CV_8UC3);
        for (var y = 0; y < rows; y++)
        {
            var t = (double)y / Math.Max(1, rows - 1);
            column.Set(y, 0, new Vec3b(Blend(top.Val0, bottom.Val0, t), Blend(top.Val1, bottom.Val1, t), Blend(top.Val2, bottom.Val2, t)));
        }

        Cv2.Repeat(column, 1, frame.Cols, frame);
    }

    private static byte Blend(double from, double to, double t) => (byte)Math.Round(from + ((to - from) * t));

    private static void DrawClutter(Mat frame, Random random)
    {
        Gradient(frame, new Scalar(200, 180, 160), new Scalar(70, 80, 90));
        var (w, h) = (frame.Width, frame.Height);
        Scalar Colour() => new(random.Next(256), random.Next(256), random.Next(256));
        Point Anywhere() => new(random.Next(w), random.Next(h));

        // Facades and windows: the large shapes first so that the small ones lie on top.
        for (var i = 0; i < 60; i++)
        {
            var size = new Size(40 + random.Next(400), 40 + random.Next(500));
            Cv2.Rectangle(frame, new Rect(Anywhere(), size), Colour(), -1);
        }

        for (var i = 0; i < 400; i++)
        {
            var side = 4 + random.Next(40);
            Cv2.Rectangle(frame, new Rect(Anywhere(), new Size(side, side + random.Next(side))), Colour(), random.Next(2) == 0 ? -1 : 1);
        }

        // Poles and wires.
        for (var i = 0; i < 120; i++)
        {
            Cv2.Line(frame, Anywhere(), Anywhere(), Colour(), 1 + random.Next(6), LineTypes.AntiAlias);
        }

        // Round signs, lamps, wheels, and pairs of dark dots over a bar: the face-like patterns.
        for (var i = 0; i < 150; i++)
        {
            Cv2.Circle(frame, Anywhere(), 2 + random.Next(30), Colour(), random.Next(3) == 0 ? 2 : -1, LineTypes.AntiAlias);
        }

        for (var i = 0; i < 60; i++)
        {
            var centre = Anywhere();
            var unit = 2 + random.Next(10);
            var dark = Scalar.All(random.Next(60));
            Cv2.Circle(frame, centre with { X = centre.X - unit }, Math.Max(1, unit / 3), dark, -1, LineTypes.AntiAlias);
            Cv2.Circle(frame, centre with { X = centre.X + unit }, Math.Max(1, unit / 3), dark, -1, LineTypes.AntiAlias);
            Cv2.Line(frame, new Point(centre.X - unit, centre.Y + (2 * unit)), new Point(centre.X + unit, centre.Y + (2 * unit)), dark, Math.Max(1, unit / 4));
        }

        // Lettering.
        for (var i = 0; i < 80; i++)
        {
            var text = new string([.. Enumerable.Range(0, 2 + random.Next(8)).Select(_ => (char)('A' + random.Next(26)))]);
            Cv2.PutText(frame, text, Anywhere(), HersheyFonts.HersheySimplex, 0.3 + (random.NextDouble() * 2), Colour(), 1 + random.Next(3), LineTypes.AntiAlias);
        }

        // Camera optics and sensor: a slight blur, then noise.
        Cv2.GaussianBlur(frame, frame, new Size(0, 0), 1.0);
        using var noise = new Mat(frame.Size(), MatType.CV_8SC3);
        Cv2.Randn(noise, Scalar.All(0), Scalar.All(6));
        Cv2.Add(frame, noise, frame, null, MatType.CV_8UC3.Value);
    }
}
