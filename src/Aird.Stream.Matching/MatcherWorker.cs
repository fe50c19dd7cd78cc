using Aird.Stream.Contracts;
using Aird.Stream.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Matching;

/// <summary>
/// The matcher role (<c>aird match</c>): reads <see cref="FaceEmbedding"/> messages of the embeddings topic as a member
/// of <see cref="MatcherOptions.GroupId"/> and hands them to <see cref="FaceMatcher"/> in batches of up to
/// <see cref="MatcherOptions.MaxBatchSize"/>. Offsets are committed only for faces whose database writes and alert
/// publications finished; a batch that fails is handled again one face at a time, so that only a face that keeps
/// failing is dead-lettered.
/// </summary>
internal sealed partial class MatcherWorker(
    KafkaConsumerLoop<FaceEmbedding> loop,
    FaceMatcher matcher,
    IOptions<TopicOptions> topics,
    IOptions<MatcherOptions> options,
    ILogger<MatcherWorker> logger) : BackgroundService
{
    /// <exception cref="KafkaUnavailableException">Kafka does not serve the embeddings topic (stops the host).</exception>
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscription = new KafkaSubscription(topics.Value.Embeddings, options.Value.GroupId);
        var settings = options.Value;
        var limits = new ConsumerBatchLimits(settings.MaxBatchSize, TimeSpan.FromMilliseconds(settings.MaxWaitMs));
        LogStarting(subscription.Topic, subscription.GroupId, limits.MaxMessages);
        return loop.RunBatchesAsync(subscription, limits, matcher.HandleBatchAsync, matcher.HandleAsync, stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Matcher reading {Topic} as group {GroupId}, batches of up to {MaxBatchSize}")]
    private partial void LogStarting(string topic, string groupId, int maxBatchSize);
}
