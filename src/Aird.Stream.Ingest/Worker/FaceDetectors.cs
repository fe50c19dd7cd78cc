using Aird.Stream.Models.Runtime;
using Aird.Stream.Vision.Detection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Ingest.Worker;

/// <summary>One <see cref="BlazeFaceDetector"/> per face size range, made on first use and kept: the range sets
/// the tiling, and cameras usually share a few ranges. The other settings come from <c>Vision:Detector</c>.
/// Not thread-safe: owned by the worker's frame loop.</summary>
internal sealed class FaceDetectors(
    IOptions<FaceDetectorOptions> options, OnnxSessionFactory sessions, ILoggerFactory loggers) : IDisposable
{
    private readonly Dictionary<(int Min, int Max), BlazeFaceDetector> _detectors = [];

    public BlazeFaceDetector For(int minFacePx, int maxFacePx)
    {
        if (!_detectors.TryGetValue((minFacePx, maxFacePx), out var detector))
        {
            var shared = options.Value;
            var ranged = new FaceDetectorOptions
            {
                ModelPath = shared.ModelPath,
                Variant = shared.Variant,
                ScoreThreshold = shared.ScoreThreshold,
                NmsIouThreshold = shared.NmsIouThreshold,
                MinFacePx = minFacePx,
                MaxFacePx = maxFacePx,
                UseCuda = shared.UseCuda,
                IntraOpThreads = shared.IntraOpThreads,
            };
            detector = new BlazeFaceDetector(Options.Create(ranged), sessions, loggers.CreateLogger<BlazeFaceDetector>());
            _detectors.Add((minFacePx, maxFacePx), detector);
        }

        return detector;
    }

    public void Dispose()
    {
        foreach (var detector in _detectors.Values)
        {
            detector.Dispose();
        }

        _detectors.Clear();
    }
}
