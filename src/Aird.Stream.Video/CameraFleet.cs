using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Video;

/// <summary>
/// Runs one <see cref="CameraWorker"/> per enabled camera and follows <see cref="CamerasOptions"/> as it changes:
/// added cameras start, removed ones stop, changed ones restart, the others keep running untouched. A changed list
/// that fails validation is logged and ignored; an invalid list at start-up fails the host's start.
/// </summary>
public sealed class CameraFleet : BackgroundService
{
    private readonly IOptionsMonitor<CamerasOptions> options;
    private readonly CameraFrameChannel frames;
    private readonly CameraHealthRegistry health;
    private readonly CameraMetrics metrics;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;
    private readonly Dictionary<string, CameraWorker> workers = new(StringComparer.OrdinalIgnoreCase);

    // Reloads arrive on the configuration's thread; ExecuteAsync applies them one at a time.
    private readonly Channel<CamerasOptions> changes = Channel.CreateUnbounded<CamerasOptions>(new UnboundedChannelOptions { SingleReader = true });
    private IDisposable? subscription;

    public CameraFleet(
        IOptionsMonitor<CamerasOptions> options,
        CameraFrameChannel frames,
        CameraHealthRegistry health,
        CameraMetrics metrics,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        this.options = options;
        this.frames = frames;
        this.health = health;
        this.metrics = metrics;
        this.loggerFactory = loggerFactory;
        logger = loggerFactory.CreateLogger<CameraFleet>();
    }

    /// <summary>Starts the configured cameras before returning, so that every one of them is in the health registry.</summary>
    /// <exception cref="OptionsValidationException">The configured cameras are invalid; the message lists every problem.</exception>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        var errors = CamerasOptionsValidator.Validate(current);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(CamerasOptions), errors);
        }

        // Subscribed before the first apply, so that no edit made meanwhile is missed (applying twice changes nothing).
        subscription ??= options.OnChange(changed => changes.Writer.TryWrite(changed));
        await ApplyAsync(current);
        await base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        subscription?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var snapshot in changes.Reader.ReadAllAsync(stoppingToken))
            {
                await ApplyAsync(snapshot);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
        finally
        {
            subscription?.Dispose();
            subscription = null;
            await Task.WhenAll(workers.Values.Select(StopWorkerAsync));
            workers.Clear();
        }
    }

    private async Task ApplyAsync(CamerasOptions snapshot)
    {
        var errors = CamerasOptionsValidator.Validate(snapshot);
        if (errors.Count > 0)
        {
            VideoLog.ConfigurationRefused(logger, string.Join(" ", errors));
            return;
        }

        var diff = CameraConfigDiff.Compute(workers.ToDictionary(w => w.Key, w => w.Value.Camera, StringComparer.OrdinalIgnoreCase), snapshot.Items);
        if (diff.IsEmpty)
        {
            return;
        }

        var leaving = diff.Removed.Concat(diff.Changed.Select(c => c.Id)).Select(id => workers[id]).ToList();
        foreach (var worker in leaving)
        {
            workers.Remove(worker.Camera.Id);
        }

        await Task.WhenAll(leaving.Select(StopWorkerAsync));
        foreach (var camera in diff.Added.Concat(diff.Changed))
        {
            var worker = new CameraWorker(
                camera, snapshot, frames.Publish, health.Track(camera.Id), metrics, loggerFactory.CreateLogger<CameraWorker>(), TimeProvider.System);
            workers[camera.Id] = worker;
            worker.Start();
        }

        VideoLog.Reconfigured(logger, diff.Added.Count, diff.Removed.Count, diff.Changed.Count);
    }

    private async Task StopWorkerAsync(CameraWorker worker)
    {
        await worker.DisposeAsync();
        health.Forget(worker.Health);
    }
}
