using Aird.Stream.Evaluation.Protocols;
using Aird.Stream.Vision;
using OpenCvSharp;

namespace Aird.Stream.Cli.Benchmarks;

/// <summary>
/// The frames of <c>aird bench detect</c> and <c>detect-recall</c>. Synthetic 1080p frames: the
/// <see cref="BenchBackground"/>s in turn (plain, noise, texture, man-made clutter) with faces pasted apart from each
/// other at widths spread over the face ranges measured. The faces are LFW DevTest faces; without LFW they are drawn blobs, and
/// <see cref="Source"/> says so. Or the first frames of a video, as they are.
/// </summary>
internal sealed class DetectBenchFrames : IDisposable
{
    public const int Width = 1920;
    public const int Height = 1080;

    // A few different frames, so that the timing is not of one lucky or unlucky picture.
    private const int FrameCount = 4;
    private const int FacesPerFrame = 12;

    // Enough of a video to vary the content; decoded up front so that decoding is not timed.
    private const int VideoFrameCount = 16;

    // Where the face lies in a 250x250 deep-funneled LFW image (BlazeFace's mean box over DevTest), and the margin
    // pasted with it (hair, chin, some background) cut to an ellipse so that no rectangle edge frames the face.
    private static readonly Rect LfwFaceBox = new(59, 88, 108, 108);
    private const double Context = 0.35;

    private readonly List<Mat> _frames;

    private DetectBenchFrames(
        List<Mat> frames, DetectFrameSource source, IReadOnlyList<IReadOnlyList<Rect>> truth, IReadOnlyList<BenchBackground> backgrounds)
    {
        _frames = frames;
        Source = source;
        Truth = truth;
        Backgrounds = backgrounds;
    }

    public IReadOnlyList<Mat> Frames => _frames;

    /// <summary>Per frame, the boxes of the faces pasted in it (the face's own width, without the margin); empty for a video.</summary>
    public IReadOnlyList<IReadOnlyList<Rect>> Truth { get; }

    /// <summary>Per frame, what lies behind its faces; empty for a video.</summary>
    public IReadOnlyList<BenchBackground> Backgrounds { get; }

    public DetectFrameSource Source { get; }

    /// <summary>Frames with faces from <c>min</c> to <c>max</c> px wide; faces from LFW under
    /// <paramref name="lfwFolder"/> (peopleDevTest.txt and lfw-deepfunneled/), blobs where those cannot be read.</summary>
    public static DetectBenchFrames Create(
        string lfwFolder, int minFacePx, int maxFacePx, int frameCount = FrameCount, int facesPerFrame = FacesPerFrame)
    {
        var faces = LoadLfwFaces(lfwFolder, frameCount * facesPerFrame);
        var synthetic = faces.Count == 0;
        var frames = new List<Mat>(frameCount);
        var truth = new List<IReadOnlyList<Rect>>(frameCount);
        var backgrounds = Enumerable.Range(0, frameCount).Select(f => BenchBackgrounds.All[f % BenchBackgrounds.All.Count]).ToList();
        try
        {
            var placed = 0;
            for (var f = 0; f < frameCount; f++)
            {
                var frame = BenchBackgrounds.Create(backgrounds[f], Width, Height, seed: f + 1);
                frames.Add(frame);
                var boxes = PasteFaces(frame, faces, f, facesPerFrame, minFacePx, maxFacePx);
                truth.Add(boxes);
                placed = boxes.Count;
            }

            var behind = string.Join(", ", backgrounds.Distinct()).ToLowerInvariant();
            var description = synthetic
                ? $"{behind} backgrounds with synthetic blobs for faces: no readable LFW DevTest image under {lfwFolder}"
                : $"{behind} backgrounds with LFW DevTest faces from {lfwFolder}";
            return new DetectBenchFrames(frames, new DetectFrameSource(
                $"{description}, {minFacePx}-{maxFacePx} px wide", frameCount, Width, Height, placed, synthetic), truth, backgrounds);
        }
        catch
        {
            frames.ForEach(frame => frame.Dispose());
            throw;
        }
        finally
        {
            faces.ForEach(face => face.Dispose());
        }
    }

    /// <summary>The first frames of <paramref name="path"/>, decoded with OpenCV.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="InvalidDataException">OpenCV cannot decode a frame of it.</exception>
    public static DetectBenchFrames FromVideo(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The video '{path}' does not exist.", path);
        }

        var frames = new List<Mat>(VideoFrameCount);
        using var capture = new VideoCapture(path);
        while (capture.IsOpened() && frames.Count < VideoFrameCount)
        {
            var frame = new Mat();
            if (!capture.Read(frame) || frame.Empty())
            {
                frame.Dispose();
                break;
            }

            frames.Add(frame);
        }

        if (frames.Count == 0)
        {
            throw new InvalidDataException($"'{path}' is not a video OpenCV can decode.");
        }

        return new DetectBenchFrames(frames, new DetectFrameSource(
            $"the first frames of {path}", frames.Count, frames[0].Width, frames[0].Height, FacesPerFrame: null, Synthetic: false), [], []);
    }

    public void Dispose() => _frames.ForEach(frame => frame.Dispose());

    private static List<Mat> LoadLfwFaces(string lfwFolder, int count)
    {
        var people = Path.Combine(lfwFolder, "peopleDevTest.txt");
        var faces = new List<Mat>(count);
        if (!File.Exists(people))
        {
            return faces;
        }

        foreach (var (name, _) in PeopleFile.Read(people))
        {
            var image = Path.Combine(lfwFolder, "lfw-deepfunneled", name, $"{name}_0001.jpg");
            try
            {
                using var photo = ImageFiles.ReadBgr(image);
                if (photo.Width == 250 && photo.Height == 250)
                {
                    faces.Add(FacePatch(photo));
                }
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                // A missing or unreadable image among hundreds is skipped; the benchmark needs some faces, not each one.
            }

            if (faces.Count == count)
            {
                break;
            }
        }

        return faces;
    }

    /// <summary>The face of a deep-funneled LFW image with its margin, square.</summary>
    private static Mat FacePatch(Mat photo)
    {
        var margin = (int)(LfwFaceBox.Width * Context);
        return new Mat(photo, new Rect(LfwFaceBox.X - margin, LfwFaceBox.Y - margin, LfwFaceBox.Width + (2 * margin), LfwFaceBox.Height + (2 * margin))).Clone();
    }

    /// <summary>Pastes up to <paramref name="facesPerFrame"/> faces, one per cell of a coarse grid so that none overlap,
    /// at widths evenly spread over the range; returns the boxes of those that fit.</summary>
    private static List<Rect> PasteFaces(Mat frame, List<Mat> faces, int frameIndex, int facesPerFrame, int minFacePx, int maxFacePx)
    {
        var random = new Random(frameIndex + 1);
        var patchScale = (LfwFaceBox.Width + (2.0 * (int)(LfwFaceBox.Width * Context))) / LfwFaceBox.Width;
        var cell = Math.Max(160, (int)Math.Ceiling(maxFacePx * patchScale) + 8);
        var columns = Width / cell;
        var cells = Enumerable.Range(0, columns * (Height / cell)).OrderBy(_ => random.Next()).ToList();
        var count = Math.Min(facesPerFrame, cells.Count);
        var boxes = new List<Rect>(count);
        for (var i = 0; i < count; i++)
        {
            var faceWidth = count == 1 ? minFacePx : minFacePx + ((maxFacePx - minFacePx) * i / (count - 1));
            var side = (int)Math.Round(faceWidth * patchScale);
            var x = (cells[i] % columns * cell) + random.Next(cell - side);
            var y = (cells[i] / columns * cell) + random.Next(cell - side);
            using var region = new Mat(frame, new Rect(x, y, side, side));
            if (faces.Count == 0)
            {
                DrawBlob(region);
            }
            else
            {
                Paste(region, faces[((frameIndex * facesPerFrame) + i) % faces.Count]);
            }

            // The face lies centred in its patch.
            var offset = (side - faceWidth) / 2;
            boxes.Add(new Rect(x + offset, y + offset, faceWidth, faceWidth));
        }

        return boxes;
    }

    private static void Paste(Mat region, Mat face)
    {
        using var patch = face.Resize(region.Size(), 0, 0, InterpolationFlags.Area);
        using var mask = new Mat(region.Size(), MatType.CV_8UC1, Scalar.All(0));
        Cv2.Ellipse(mask, new Point(region.Width / 2, region.Height / 2), new Size(region.Width * 0.42, region.Height * 0.5), 0, 0, 360, Scalar.All(255), -1);
        patch.CopyTo(region, mask);
    }

    /// <summary>A skin-toned oval with dark eyes and mouth: face-like to the eye, rarely a face to the detector.</summary>
    private static void DrawBlob(Mat region)
    {
        var w = region.Width;
        var h = region.Height;
        Cv2.Ellipse(region, new Point(w / 2, h / 2), new Size(w * 0.3, h * 0.4), 0, 0, 360, new Scalar(120, 150, 200), -1);
        var eye = Math.Max(1, w / 20);
        Cv2.Circle(region, new Point(w * 0.4, h * 0.42), eye, Scalar.All(40), -1);
        Cv2.Circle(region, new Point(w * 0.6, h * 0.42), eye, Scalar.All(40), -1);
        Cv2.Line(region, new Point(w * 0.42, h * 0.65), new Point(w * 0.58, h * 0.65), Scalar.All(60), Math.Max(1, eye / 2));
    }
}
