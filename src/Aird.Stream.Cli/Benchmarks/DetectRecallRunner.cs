using System.Drawing;
using System.Globalization;
using Aird.Stream.Models.Runtime;
using Aird.Stream.Vision.Detection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Cli.Benchmarks;

/// <summary>
/// Runs <c>aird bench detect-recall</c>: for each face width, synthetic 1080p frames with LFW DevTest faces pasted
/// at that width (the frames of <c>aird bench detect</c>), through one CPU detector set up for the whole range of
/// widths at the configured score threshold, so that each width's recall is what the service would see.
/// </summary>
internal sealed class DetectRecallRunner(
    OnnxSessionFactory sessions,
    FaceDetectorOptions configured,
    ILogger<BlazeFaceDetector> logger,
    DetectRecallSettings settings,
    TextWriter output)
{
    public DetectRecallReport Run(CancellationToken cancellationToken)
    {
        var machine = MachineInfo.Current();
        output.WriteLine($"Machine: {machine}");
        var options = new FaceDetectorOptions
        {
            ModelPath = configured.ModelPath,
            Variant = configured.Variant,
            ScoreThreshold = configured.ScoreThreshold,
            NmsIouThreshold = configured.NmsIouThreshold,
            MinFacePx = settings.Range.MinFacePx,
            MaxFacePx = settings.Range.MaxFacePx,
            IntraOpThreads = settings.Threads,
        };
        using var detector = new BlazeFaceDetector(Options.Create(options), sessions, logger);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Detector: faces {settings.Range} px, score threshold {options.ScoreThreshold:0.##}, on {detector.ExecutionProvider}"));

        var rows = new List<DetectRecallRow>();
        var synthetic = false;
        for (var i = 0; i < settings.WidthsPx.Count; i++)
        {
            var width = settings.WidthsPx[i];
            Console.Error.WriteLine($"bench detect-recall [{i + 1}/{settings.WidthsPx.Count}] faces {width} px");
            using var frames = DetectBenchFrames.Create(settings.LfwFolder, width, width, settings.Frames, settings.FacesPerFrame);
            if (i == 0)
            {
                output.WriteLine($"Frames: {settings.Frames} of {DetectBenchFrames.Width}x{DetectBenchFrames.Height} per width, "
                    + $"{frames.Source.FacesPerFrame} faces each, {frames.Source.Description}");
            }

            synthetic |= frames.Source.Synthetic;
            rows.AddRange(Measure(detector, frames, width, cancellationToken));
        }

        output.Write(Table(rows));
        return new DetectRecallReport(machine, settings.Range.ToString(), options.ScoreThreshold, synthetic, rows);
    }

    /// <summary>One row per background of the frames, then the width's total.</summary>
    private static List<DetectRecallRow> Measure(BlazeFaceDetector detector, DetectBenchFrames frames, int width, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<BenchBackground, (int Frames, int Faces, int Found, int FalsePositives)>();
        for (var f = 0; f < frames.Frames.Count; f++)
        {
            var truth = frames.Truth[f].Select(r => new RectangleF(r.X, r.Y, r.Width, r.Height)).ToList();
            var (hits, misses) = DetectRecallMatcher.Match(truth, detector.Detect(frames.Frames[f], cancellationToken));
            var sum = counts.GetValueOrDefault(frames.Backgrounds[f]);
            counts[frames.Backgrounds[f]] = (sum.Frames + 1, sum.Faces + truth.Count, sum.Found + hits, sum.FalsePositives + misses);
        }

        var rows = counts.OrderBy(c => c.Key).Select(c => Row(width, c.Key.ToString().ToLowerInvariant(), c.Value)).ToList();
        var total = counts.Values.Aggregate((a, b) => (a.Frames + b.Frames, a.Faces + b.Faces, a.Found + b.Found, a.FalsePositives + b.FalsePositives));
        rows.Add(Row(width, DetectRecallRow.AllBackgrounds, total));
        return rows;
    }

    private static DetectRecallRow Row(int width, string background, (int Frames, int Faces, int Found, int FalsePositives) counts) => new(
        width,
        background,
        counts.Frames,
        counts.Faces,
        counts.Found,
        counts.Faces == 0 ? 0 : (double)counts.Found / counts.Faces,
        (double)counts.FalsePositives / counts.Frames);

    private static string Table(IReadOnlyList<DetectRecallRow> rows) => TextTable.Format(
        ["face px", "background", "faces", "found", "recall", "false pos/frame"],
        rows.Select(r => (IReadOnlyList<string>)
        [
            Number(r.WidthPx, "0"), r.Background, Number(r.Faces, "0"), Number(r.Found, "0"), Number(r.Recall, "0.000"), Number(r.FalsePositivesPerFrame, "0.00"),
        ]));

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
