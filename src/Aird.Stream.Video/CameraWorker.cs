using Microsoft.Extensions.Logging;

namespace Aird.Stream.Video;

/// <summary>
/// Supervises one camera: runs its <see cref="FfmpegFrameSource"/>, hands every frame to the sink, and after a
/// failure (unreachable, corrupt, stalled, ended) waits with <see cref="BackoffSchedule"/> and connects again, until
/// disposed or a file ends. Settings are the snapshot taken when the worker was created.
/// </summary>
internal sealed class CameraWorker : IAsyncDisposable
{
    private readonly FfmpegFrameSource source;
    private readonly CamerasOptions settings;
    private readonly Action<CameraFrame> sink;
    private readonly CameraHealthTracker health;
    private readonly CameraMetrics metrics;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly string displayUrl;
    private readonly CancellationTokenSource stopping = new();
    private Task running = Task.CompletedTask;

    public CameraWorker(
        CameraOptions camera,
        CamerasOptions settings,
        Action<CameraFrame> sink,
        CameraHealthTracker health,
        CameraMetrics metrics,
        ILogger logger,
        TimeProvider time)
    {
        Camera = camera;
        this.settings = settings;
        this.sink = sink;
        this.health = health;
        this.metrics = metrics;
        this.logger = logger;
        this.time = time;
        displayUrl = CameraInput.Redact(camera.Url);
        source = new FfmpegFrameSource(camera, settings, time);
    }

    public CameraOptions Camera { get; }

    public CameraHealthTracker Health => health;

    public void Start()
    {
        VideoLog.Started(logger, Camera.Id, displayUrl, Camera.Fps);
        running = Task.Run(() => RunAsync(stopping.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await running;
        stopping.Dispose();
        VideoLog.Stopped(logger, Camera.Id);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var failuresInRow = 0;
        try
        {
            while (true)
            {
                health.Connecting();
                Exception failure;
                var connected = false;
                try
                {
                    await foreach (var frame in source.ReadFramesAsync(cancellationToken))
                    {
                        if (!connected)
                        {
                            connected = true;
                            failuresInRow = 0;
                            VideoLog.Connected(logger, Camera.Id);
                        }

                        health.Frame(frame.CaptureTime);
                        metrics.FrameDecoded(Camera.Id);
                        sink(frame);
                    }

                    VideoLog.Ended(logger, Camera.Id);
                    health.Stopped();
                    return;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // A supervisor must outlive whatever its camera does; unexpected faults are retried like failures.
                    failure = e;
                }

                failuresInRow++;
                var delay = BackoffSchedule.Delay(
                    failuresInRow,
                    TimeSpan.FromMilliseconds(settings.ReconnectInitialMs),
                    TimeSpan.FromMilliseconds(settings.ReconnectMaxMs),
                    Random.Shared.NextDouble());
                var error = failure is CameraSourceException ? failure.Message : $"Camera '{Camera.Id}': {failure.GetType().Name}: {failure.Message}";
                var reconnect = health.Failed(error);
                metrics.Reconnect(Camera.Id);
                if (failure is CameraSourceException)
                {
                    VideoLog.Failed(logger, Camera.Id, reconnect, (long)delay.TotalMilliseconds, error);
                }
                else
                {
                    VideoLog.WorkerFault(logger, failure, Camera.Id, reconnect, (long)delay.TotalMilliseconds);
                }

                await Task.Delay(delay, time, cancellationToken);
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: whatever the interrupted read threw is expected.
            health.Stopped();
        }
    }
}
