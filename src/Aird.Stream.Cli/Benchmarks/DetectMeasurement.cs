using System.Diagnostics;
using Aird.Stream.Vision.Detection;
using OpenCvSharp;

namespace Aird.Stream.Cli.Benchmarks;

/// <summary>Times one detector (one face range on one provider) on whole frames, cycling through the frames.</summary>
internal sealed class DetectMeasurement(BlazeFaceDetector detector, DetectFaceRange range, IReadOnlyList<Mat> frames)
{
    /// <summary>Fewer timed frames than this make a 95th percentile meaningless; a frame of small faces on two
    /// cores takes seconds, so the floor stays low.</summary>
    public const int MinFrames = 3;

    // The first call allocates buffers and (on CUDA) picks kernels; that is not what a running service sees.
    private const int WarmUpFrames = 1;

    private readonly List<double> _latenciesMs = [];
    private long _faces;
    private int _next;

    public BlazeFaceDetector Detector => detector;

    public DetectFaceRange Range => range;

    public void WarmUp(CancellationToken cancellationToken)
    {
        for (var i = 0; i < WarmUpFrames; i++)
        {
            detector.Detect(frames[_next++ % frames.Count], cancellationToken);
        }
    }

    /// <summary>Times frames until <paramref name="duration"/> of measured time and at least <see cref="MinFrames"/>
    /// frames; reports each frame's time.</summary>
    public void RunFor(TimeSpan duration, Action<TimeSpan> progress, CancellationToken cancellationToken)
    {
        var measured = TimeSpan.Zero;
        while (measured < duration || _latenciesMs.Count < MinFrames)
        {
            var frame = frames[_next++ % frames.Count];
            var start = Stopwatch.GetTimestamp();
            var found = detector.Detect(frame, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(start);
            measured += elapsed;
            _latenciesMs.Add(elapsed.TotalMilliseconds);
            _faces += found.Count;
            progress(elapsed);
        }
    }

    public DetectBenchRow Result()
    {
        var tilesPerFrame = detector.TileCount(frames[0].Width, frames[0].Height);
        var summary = LatencySummary.From(_latenciesMs);
        var seconds = _latenciesMs.Sum() / 1000;
        var frameCount = _latenciesMs.Count;
        return new DetectBenchRow(
            range.ToString(),
            detector.ExecutionProvider,
            tilesPerFrame,
            frameCount,
            seconds,
            frameCount / seconds,
            summary.P50Ms,
            summary.P95Ms,
            seconds * 1000 / frameCount / tilesPerFrame,
            _faces / (double)frameCount);
    }
}
