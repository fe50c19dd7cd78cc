using System.Globalization;
using Aird.Stream.Models.Runtime;
using Aird.Stream.Vision.Detection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Cli.Benchmarks;

/// <summary>
/// Runs <c>aird bench detect</c>: the tiled detector on synthetic 1080p frames, once per face range and provider,
/// in one process so that the cost of each range is measured side by side. Under
/// <see cref="ExecutionProviderPreference.Auto"/> the CPU is always measured and CUDA as well when it loads.
/// </summary>
internal sealed class DetectBenchRunner(
    OnnxSessionFactory sessions,
    FaceDetectorOptions configured,
    ILogger<BlazeFaceDetector> logger,
    DetectBenchSettings settings,
    TextWriter output)
{
    public DetectBenchReport Run(CancellationToken cancellationToken)
    {
        var machine = MachineInfo.Current();
        output.WriteLine($"Machine: {machine}");
        using var frames = settings.Video is { } video
            ? DetectBenchFrames.FromVideo(video)
            : DetectBenchFrames.Create(settings.LfwFolder, settings.Ranges.Min(r => r.MinFacePx), settings.Ranges.Max(r => r.MaxFacePx));
        var source = frames.Source;
        var faces = source.FacesPerFrame is { } count ? $", {count} faces each" : string.Empty;
        output.WriteLine($"Frames: {source.Frames} of {source.Width}x{source.Height}{faces}, {source.Description}");

        var measurements = new List<DetectMeasurement>();
        try
        {
            OpenAll(measurements, frames);
            var rows = Measure(measurements, cancellationToken);
            output.Write(Table(rows));
            return new DetectBenchReport(machine, source, rows);
        }
        finally
        {
            measurements.ForEach(m => m.Detector.Dispose());
        }
    }

    private void OpenAll(List<DetectMeasurement> measurements, DetectBenchFrames frames)
    {
        bool[] useCuda = settings.Provider switch
        {
            ExecutionProviderPreference.Cpu => [false],
            ExecutionProviderPreference.Cuda => [true],
            _ => [false, true],
        };
        foreach (var cuda in useCuda)
        {
            foreach (var range in settings.Ranges)
            {
                var detector = new BlazeFaceDetector(Options.Create(OptionsFor(range, cuda)), sessions, logger);
                if (cuda && detector.ExecutionProvider == OnnxExecutionProvider.Cpu)
                {
                    // The session factory logged why CUDA did not load.
                    detector.Dispose();
                    if (settings.Provider == ExecutionProviderPreference.Cuda)
                    {
                        throw new ExecutionProviderUnavailableException("CUDA cannot run the detector here (the log says why).");
                    }

                    output.WriteLine("CUDA: not available here, so CPU rows only.");
                    break;
                }

                measurements.Add(new DetectMeasurement(detector, range, frames.Frames));
            }
        }
    }

    private FaceDetectorOptions OptionsFor(DetectFaceRange range, bool cuda) => new()
    {
        ModelPath = configured.ModelPath,
        Variant = configured.Variant,
        ScoreThreshold = configured.ScoreThreshold,
        NmsIouThreshold = configured.NmsIouThreshold,
        MinFacePx = range.MinFacePx,
        MaxFacePx = range.MaxFacePx,
        UseCuda = cuda,
        IntraOpThreads = settings.Threads,
    };

    private List<DetectBenchRow> Measure(List<DetectMeasurement> measurements, CancellationToken cancellationToken)
    {
        var progress = new BenchProgress("bench detect", measurements.Count);
        var rows = new List<DetectBenchRow>();
        foreach (var measurement in measurements)
        {
            progress.Begin($"faces {measurement.Range} px on {Label(measurement.Detector.ExecutionProvider)}", settings.Duration);
            measurement.WarmUp(cancellationToken);
            measurement.RunFor(settings.Duration, progress.Report, cancellationToken);
            var row = measurement.Result();
            progress.End(string.Create(CultureInfo.InvariantCulture, $"{row.FramesPerSecond:0.00} frames/s, {row.TilesPerFrame} tiles"));
            rows.Add(row);
        }

        return rows;
    }

    private static string Table(IReadOnlyList<DetectBenchRow> rows) => TextTable.Format(
        ["face px", "provider", "tiles/frame", "frames/s", "ms/frame p50", "ms/frame p95", "ms/tile", "faces/frame", "frames"],
        rows.Select(r => (IReadOnlyList<string>)
        [
            r.FaceRange, Label(r.Provider), Number(r.TilesPerFrame, "0"), Number(r.FramesPerSecond, "0.00"), Number(r.MsPerFrameP50, "0.0"),
            Number(r.MsPerFrameP95, "0.0"), Number(r.MsPerTile, "0.00"), Number(r.FacesPerFrame, "0.0"), Number(r.Frames, "0"),
        ]));

    private static string Label(OnnxExecutionProvider provider) => provider.ToString().ToUpperInvariant();

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
