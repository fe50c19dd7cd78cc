using System.Diagnostics;
using System.Globalization;
using StbImageSharp;

namespace Aird.Stream.Video.Synthetic;

/// <summary>
/// A synthetic surveillance video with known faces: LFW people moving across a plain but textured background,
/// encoded as H.264 mp4 by the real ffmpeg. The ground truth is <see cref="People"/>: who, when, where, how large.
/// </summary>
/// <param name="Path">The mp4 file.</param>
public sealed record SurveillanceClip(string Path, int Width, int Height, double Fps, TimeSpan Duration, IReadOnlyList<ClipPerson> People)
{
    /// <summary>The width of the face in an LFW deep-funneled image: about the middle 100 of its 250 px.</summary>
    public const int LfwFaceWidth = 100;

    private const int LfwSize = 250;

    /// <summary>Renders the clip and encodes it to <paramref name="path"/>. 1280x720 at 10 fps by default (pass
    /// 1920x1080 for full HD); every run with the same arguments gives the same frames.</summary>
    /// <param name="lfwFolder">LFW in its original layout (the folder holding <c>lfw-deepfunneled</c>); by default
    /// <see cref="LfwFolder.Find"/>.</param>
    /// <exception cref="InvalidOperationException">ffmpeg failed; the message holds its error output.</exception>
    /// <exception cref="FileNotFoundException">A person's LFW image is missing.</exception>
    public static async Task<SurveillanceClip> CreateAsync(
        string path,
        IReadOnlyList<ClipPerson> people,
        TimeSpan duration,
        int width = 1280,
        int height = 720,
        double fps = 10,
        int seed = 1,
        string? lfwFolder = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(people);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 64);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 64);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fps);
        if (width % 2 != 0 || height % 2 != 0)
        {
            throw new ArgumentException($"H.264 with 4:2:0 chroma needs an even frame size, not {width}x{height}.");
        }

        var lfw = lfwFolder ?? LfwFolder.Find();
        var heads = people.Select(p => Head.Load(p, lfw)).ToList();
        var background = Background(width, height, seed);
        var frameCount = (int)Math.Round(duration.TotalSeconds * fps);
        var rate = fps.ToString(CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-y", "-hide_banner", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "bgr24", "-s", $"{width}x{height}",
            "-r", rate, "-i", "-", "-c:v", "libx264", "-preset", "veryfast", "-crf", "16", "-pix_fmt", "yuv420p", path,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var ffmpeg = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
        var errors = ffmpeg.StandardError.ReadToEndAsync(cancellationToken);
        var frame = new byte[background.Length];
        try
        {
            var input = ffmpeg.StandardInput.BaseStream;
            for (var i = 0; i < frameCount; i++)
            {
                var time = TimeSpan.FromSeconds(i / fps);
                background.CopyTo(frame, 0);
                foreach (var head in heads.Where(h => h.Person.IsVisibleAt(time)))
                {
                    head.Draw(frame, width, height, head.Person.FaceCentreAt(time));
                }

                await input.WriteAsync(frame, cancellationToken);
            }

            input.Close();
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"ffmpeg stopped reading frames: {await errors}", e);
        }

        await ffmpeg.WaitForExitAsync(cancellationToken);
        if (ffmpeg.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed with exit code {ffmpeg.ExitCode} encoding '{path}': {await errors}");
        }

        return new SurveillanceClip(path, width, height, fps, TimeSpan.FromSeconds(frameCount / fps), people);
    }

    /// <summary>BGR: smooth blobs of low-frequency noise over a diagonal gradient, plus fine grain, so that the
    /// detector sees texture but no faces.</summary>
    private static byte[] Background(int width, int height, int seed)
    {
        const int Cell = 48;
        var random = new Random(seed);
        var gridWidth = (width / Cell) + 2;
        var gridHeight = (height / Cell) + 2;
        var grid = new double[gridWidth * gridHeight * 3];
        for (var i = 0; i < grid.Length; i++)
        {
            grid[i] = random.NextDouble() * 60;
        }

        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            var gy = y / (double)Cell;
            var y0 = (int)gy;
            var fy = gy - y0;
            for (var x = 0; x < width; x++)
            {
                var gx = x / (double)Cell;
                var x0 = (int)gx;
                var fx = gx - x0;
                var gradient = 70 + (80.0 * (x + y) / (width + height));
                for (var c = 0; c < 3; c++)
                {
                    double At(int cx, int cy) => grid[(((cy * gridWidth) + cx) * 3) + c];
                    var blob = ((1 - fy) * (((1 - fx) * At(x0, y0)) + (fx * At(x0 + 1, y0))))
                        + (fy * (((1 - fx) * At(x0, y0 + 1)) + (fx * At(x0 + 1, y0 + 1))));
                    var grain = (random.NextDouble() - 0.5) * 12;
                    pixels[(((y * width) + x) * 3) + c] = (byte)Math.Clamp(gradient + blob + grain, 0, 255);
                }
            }
        }

        return pixels;
    }

    /// <summary>A person's LFW image, area-scaled so that the face is the asked width, with a soft elliptical
    /// mask that blends the head into the background.</summary>
    private sealed class Head
    {
        private readonly byte[] _bgr;
        private readonly float[] _alpha;
        private readonly int _size;

        private Head(ClipPerson person, byte[] bgr, float[] alpha, int size)
        {
            Person = person;
            _bgr = bgr;
            _alpha = alpha;
            _size = size;
        }

        public ClipPerson Person { get; }

        public static Head Load(ClipPerson person, string lfwFolder)
        {
            var file = LfwFolder.ImagePath(lfwFolder, person.Name, person.ImageNumber);
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"No LFW image '{file}'.", file);
            }

            var image = ImageResult.FromMemory(File.ReadAllBytes(file), ColorComponents.RedGreenBlue);
            if (image.Width != LfwSize || image.Height != LfwSize)
            {
                throw new InvalidDataException($"'{file}' is {image.Width}x{image.Height}, not {LfwSize}x{LfwSize}.");
            }

            var size = Math.Max(1, (int)Math.Round(LfwSize * person.FaceWidthPx / (double)LfwFaceWidth));
            var bgr = AreaResize(image.Data, LfwSize, size);
            var alpha = new float[size * size];
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    // Ellipse of the head and shoulders' top: 0.34 of the image wide, 0.46 high, feathered.
                    var dx = ((x + 0.5) / size) - 0.5;
                    var dy = ((y + 0.5) / size) - 0.5;
                    var r = Math.Sqrt(((dx / 0.34) * (dx / 0.34)) + ((dy / 0.46) * (dy / 0.46)));
                    alpha[(y * size) + x] = (float)Math.Clamp((1 - r) / 0.15, 0, 1);
                }
            }

            return new Head(person, bgr, alpha, size);
        }

        public void Draw(byte[] frame, int width, int height, System.Drawing.PointF faceCentre)
        {
            var left = (int)Math.Round(faceCentre.X - (_size / 2.0));
            var top = (int)Math.Round(faceCentre.Y - (_size / 2.0));
            for (var y = Math.Max(0, -top); y < _size && top + y < height; y++)
            {
                for (var x = Math.Max(0, -left); x < _size && left + x < width; x++)
                {
                    var a = _alpha[(y * _size) + x];
                    if (a <= 0)
                    {
                        continue;
                    }

                    var target = (((top + y) * width) + left + x) * 3;
                    var source = ((y * _size) + x) * 3;
                    for (var c = 0; c < 3; c++)
                    {
                        frame[target + c] = (byte)Math.Round((a * _bgr[source + c]) + ((1 - a) * frame[target + c]));
                    }
                }
            }
        }

        /// <summary>Square RGB of side <paramref name="from"/> to BGR of side <paramref name="to"/>, each output
        /// pixel the coverage-weighted mean of the input pixels under it (no aliasing when shrinking).</summary>
        private static byte[] AreaResize(byte[] rgb, int from, int to)
        {
            var scale = from / (double)to;
            var result = new byte[to * to * 3];
            var sum = new double[3];
            for (var oy = 0; oy < to; oy++)
            {
                var (y0, y1) = (oy * scale, (oy + 1) * scale);
                for (var ox = 0; ox < to; ox++)
                {
                    var (x0, x1) = (ox * scale, (ox + 1) * scale);
                    Array.Clear(sum);
                    double weightSum = 0;
                    for (var iy = (int)y0; iy < Math.Min(from, (int)Math.Ceiling(y1)); iy++)
                    {
                        var wy = Math.Min(iy + 1, y1) - Math.Max(iy, y0);
                        for (var ix = (int)x0; ix < Math.Min(from, (int)Math.Ceiling(x1)); ix++)
                        {
                            var weight = wy * (Math.Min(ix + 1, x1) - Math.Max(ix, x0));
                            var source = ((iy * from) + ix) * 3;
                            for (var c = 0; c < 3; c++)
                            {
                                sum[c] += weight * rgb[source + c];
                            }

                            weightSum += weight;
                        }
                    }

                    var target = ((oy * to) + ox) * 3;
                    for (var c = 0; c < 3; c++)
                    {
                        // RGB in, BGR out.
                        result[target + 2 - c] = (byte)Math.Round(sum[c] / weightSum);
                    }
                }
            }

            return result;
        }
    }
}
