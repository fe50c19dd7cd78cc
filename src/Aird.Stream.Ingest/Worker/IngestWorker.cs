using System.Diagnostics;
using Aird.Stream.Contracts;
using Aird.Stream.Ingest.BestShots;
using Aird.Stream.Ingest.Tracking;
using Aird.Stream.Messaging;
using Aird.Stream.Models.Runtime;
using Aird.Stream.Video;
using Aird.Stream.Vision.Detection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace Aird.Stream.Ingest.Worker;

/// <summary>
/// <c>aird ingest</c>: detects the faces in every camera frame (one detector per face size range), follows them per
/// camera with <see cref="CameraFaces"/>, and publishes the chosen best shots as <see cref="FaceCrop"/> messages,
/// keyed by camera id, waiting for Kafka's acknowledgement. A frame that cannot be processed is logged and skipped.
/// When a camera stops (a file that ended) or is removed, its tracks end and their held best shots go out.
/// </summary>
public sealed class IngestWorker(
    IOptions<IngestOptions> options,
    IOptions<TrackerOptions> tracker,
    IOptions<FaceQualityOptions> quality,
    IOptions<BestShotOptions> bestShots,
    IOptions<FaceDetectorOptions> detector,
    IOptionsMonitor<CamerasOptions> cameras,
    IOptions<TopicOptions> topics,
    CameraFrameChannel frames,
    CameraHealthRegistry health,
    KafkaProducer<FaceCrop> crops,
    OnnxSessionFactory sessions,
    IngestMetrics metrics,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<IngestWorker>();
    private readonly Dictionary<string, CameraRun> _runs = new(StringComparer.OrdinalIgnoreCase);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var interval = TimeSpan.FromMilliseconds(Math.Max(1, settings.CameraCheckIntervalMs));

        // Loading the model takes a while: off the host's start-up path. A missing model fails the worker here.
        await Task.Yield();
        using var detectors = new FaceDetectors(detector, sessions, loggers);
        detectors.For(settings.MinFacePx, settings.MaxFacePx);
        IngestLog.Started(_logger, topics.Value.Crops, settings.CropEncoding, settings.MinFacePx, settings.MaxFacePx);
        try
        {
            var nextCheck = time.GetUtcNow() + interval;
            while (true)
            {
                while (frames.Reader.TryRead(out var frame))
                {
                    using (frame)
                    {
                        await HandleAsync(frame, detectors, stoppingToken);
                    }

                    if (time.GetUtcNow() >= nextCheck)
                    {
                        await EndStoppedCamerasAsync(stoppingToken);
                        nextCheck = time.GetUtcNow() + interval;
                    }
                }

                await EndStoppedCamerasAsync(stoppingToken);
                nextCheck = time.GetUtcNow() + interval;
                await WaitForFramesAsync(interval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the tracks end here, so their held best shots must go out now or never.
            foreach (var cameraId in _runs.Keys.ToList())
            {
                await EndAsync(cameraId, "shut down", CancellationToken.None);
            }
        }
        finally
        {
            IngestLog.Stopped(_logger);
        }
    }

    private async Task HandleAsync(CameraFrame frame, FaceDetectors detectors, CancellationToken cancellationToken)
    {
        metrics.Frame(frame.CameraId);
        var (min, max, fps) = SettingsOf(frame.CameraId);
        if (min < 4 || max < min || !(fps > 0 && double.IsFinite(fps)))
        {
            // A live edit the fleet ignored, or a minimum the detector cannot go down to.
            IngestLog.UnusableSettings(_logger, frame.CameraId, frame.Sequence, min, max, fps);
            metrics.FrameFailed(frame.CameraId);
            return;
        }

        var run = await RunForAsync(frame.CameraId, min, max, fps, cancellationToken);
        run.LastSequence = frame.Sequence;
        var captureTime = run.Clock.TimeOf(frame.Sequence, frame.CaptureTime);
        IReadOnlyList<FaceShot> shots;
        try
        {
            using var image = ToMat(frame);
            var started = Stopwatch.GetTimestamp();
            var faces = detectors.For(run.Faces.MinFacePx, run.Faces.MaxFacePx).Detect(image, cancellationToken);
            metrics.Detected(frame.CameraId, faces.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            shots = run.Faces.Process(image, faces, captureTime);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Bad data costs one frame, never the worker; the camera's tracks are unchanged (see CameraFaces.Process).
            IngestLog.FrameFailed(_logger, frame.CameraId, frame.Sequence, e);
            metrics.FrameFailed(frame.CameraId);
            return;
        }

        await PublishAsync(frame.CameraId, shots, cancellationToken);
    }

    /// <summary>The camera's faces; a camera whose face size range or frame rate changed starts over (after its
    /// held shots went out).</summary>
    private async Task<CameraRun> RunForAsync(string cameraId, int min, int max, double fps, CancellationToken cancellationToken)
    {
        if (_runs.TryGetValue(cameraId, out var run))
        {
            if (run.Faces.MinFacePx == min && run.Faces.MaxFacePx == max && run.Clock.Fps.Equals(fps))
            {
                return run;
            }

            await EndAsync(cameraId, "changed its face size range or frame rate", cancellationToken);
        }

        // Ids above those of an earlier run of the worker: a camera never creates a track per millisecond.
        var firstTrackId = time.GetUtcNow().ToUnixTimeMilliseconds();
        var faces = new CameraFaces(min, max, tracker.Value, quality.Value, bestShots.Value, options.Value.CropEncoding, firstTrackId);
        run = new CameraRun(faces, new FrameClock(fps));
        _runs.Add(cameraId, run);
        IngestLog.CameraStarted(_logger, cameraId, min, max);
        return run;
    }

    private (int Min, int Max, double Fps) SettingsOf(string cameraId)
    {
        var settings = options.Value;
        var camera = cameras.CurrentValue.Items.FirstOrDefault(c => string.Equals(c.Id, cameraId, StringComparison.OrdinalIgnoreCase));

        // A camera that sets one end only keeps the default of the other end where it still makes a range.
        var min = camera?.MinFacePx ?? Math.Min(settings.MinFacePx, camera?.MaxFacePx ?? settings.MinFacePx);
        var max = camera?.MaxFacePx ?? Math.Max(settings.MaxFacePx, min);

        // Frames still queued from a camera just removed keep the default rate; they are dated by read time anyway.
        return (min, max, camera?.Fps ?? new CameraOptions().Fps);
    }

    private async Task EndStoppedCamerasAsync(CancellationToken cancellationToken)
    {
        foreach (var (cameraId, run) in _runs.ToList())
        {
            var state = health.Get(cameraId);
            if (state is null)
            {
                await EndAsync(cameraId, "was removed", cancellationToken);
            }
            else if (state.State == CameraState.Stopped && (run.LastSequence >= state.FramesTotal - 1 || frames.Reader.Count == 0))
            {
                // Its last frame is behind us, or (dropped by the full queue) no frame of it can still be queued.
                await EndAsync(cameraId, "stopped", cancellationToken);
            }
        }
    }

    private async Task EndAsync(string cameraId, string reason, CancellationToken cancellationToken)
    {
        _runs.Remove(cameraId, out var run);
        var shots = run!.Faces.EndAll();
        await PublishAsync(cameraId, shots, cancellationToken);
        IngestLog.CameraEnded(_logger, cameraId, reason, shots.Count);
    }

    private async Task PublishAsync(string cameraId, IReadOnlyList<FaceShot> shots, CancellationToken cancellationToken)
    {
        if (shots.Count == 0)
        {
            return;
        }

        var settings = options.Value;
        var topic = topics.Value.Crops;

        // Queued together, acknowledged together: the idempotent producer keeps their order on the partition.
        await Task.WhenAll(shots.Select(shot =>
            crops.ProduceAsync(topic, cameraId, CropMessages.Create(cameraId, shot, settings.CropEncoding, settings.DetectorVersion), cancellationToken)));
        metrics.Published(cameraId, shots.Count);
    }

    private async Task WaitForFramesAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(timeout);
        try
        {
            await frames.Reader.WaitToReadAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // No frame within the timeout: time to look at the cameras again.
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private static Mat ToMat(CameraFrame frame)
    {
        var image = new Mat(frame.Height, frame.Width, MatType.CV_8UC3);
        frame.Bgr.Span.CopyTo(image.AsSpan<byte>());
        return image;
    }

    private sealed class CameraRun(CameraFaces faces, FrameClock clock)
    {
        public CameraFaces Faces { get; } = faces;

        public FrameClock Clock { get; } = clock;

        /// <summary>The sequence number of the camera's last frame taken; a camera's frames count from 0 on every
        /// start, as its health's <see cref="CameraHealth.FramesTotal"/> does.</summary>
        public long LastSequence { get; set; } = -1;
    }
}
