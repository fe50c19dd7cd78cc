using Aird.Stream.Contracts;
using Aird.Stream.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Cli.Pipeline;

/// <summary>
/// Subscribes to the alerts topic in a consumer group of its own and writes each alert of this run as one line, as it
/// comes, with the watchlist and subject names looked up. Alerts captured before the run started (an existing topic
/// read from its beginning) are skipped.
/// </summary>
internal sealed class AlertPrinter(
    KafkaConsumerLoop<Alert> consumer,
    IOptions<TopicOptions> topics,
    SubjectDirectory names,
    AlertLog log,
    PipelineRunClock clock,
    PipelineRunOptions options) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => consumer.RunAsync(
        new KafkaSubscription(topics.Value.Alerts, $"aird-run-alerts-{Guid.NewGuid():N}"),
        HandleAsync,
        stoppingToken);

    private async ValueTask HandleAsync(ConsumedMessage<Alert> message, CancellationToken cancellationToken)
    {
        var receivedAt = clock.Now;
        var alert = message.Message;
        var captured = alert.Header.CaptureTime?.ToDateTimeOffset() ?? message.Timestamp;
        if (captured < clock.Started)
        {
            return;
        }

        var received = new ReceivedAlert(
            alert.Header.CameraId,
            alert.Header.FaceId,
            captured,
            receivedAt,
            await names.WatchlistAsync(alert.WatchlistId, cancellationToken),
            alert.Kind == AlertKind.Match ? await names.SubjectAsync(alert.SubjectId, cancellationToken) : null,
            alert.Similarity);
        log.Add(received);
        if (options.Output is { } output)
        {
            await output.WriteLineAsync(received.ToLine().AsMemory(), cancellationToken);
            await output.FlushAsync(cancellationToken);
        }
    }
}
