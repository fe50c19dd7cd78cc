using Aird.Stream.Messaging;
using Aird.Stream.Video;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Cli.Pipeline;

/// <summary>Stops the host once the pipeline drained (or stalled with every camera ended); see <see cref="DrainDetector"/>.</summary>
internal sealed partial class DrainWatcher(
    CameraHealthRegistry cameras,
    PipelineCounters counters,
    IOptions<TopicOptions> topics,
    PipelineRunOptions options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<DrainWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>How the run ended: <see cref="DrainState.Running"/> until the watcher stopped it.</summary>
    public DrainState Outcome { get; private set; } = DrainState.Running;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var detector = new DrainDetector(options.QuietPeriod, options.StallPeriod, topics.Value.Crops, topics.Value.Embeddings);
        using var timer = new PeriodicTimer(PollInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var health = cameras.Snapshot();
            var counts = counters.Snapshot();
            var state = detector.Observe(health, counts, time.GetUtcNow());
            if (state == DrainState.Running)
            {
                continue;
            }

            if (state == DrainState.Stalled)
            {
                Stalled(logger, options.StallPeriod.TotalSeconds, detector.Outstanding(health, counts) ?? "");
            }

            Outcome = state;
            lifetime.StopApplication();
            return;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Every camera ended but the pipeline did not drain: nothing moved for {Seconds} s and {Outstanding}; stopping")]
    private static partial void Stalled(ILogger logger, double seconds, string outstanding);
}
