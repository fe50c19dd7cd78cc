using Aird.Stream.Contracts;
using Aird.Stream.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Matching;

/// <summary>
/// The matcher role (<c>aird match</c>): reads <see cref="FaceEmbedding"/> messages of the embeddings topic as a member
/// of <see cref="MatcherOptions.GroupId"/> and hands each to <see cref="FaceMatcher"/>. Offsets are committed only
/// for faces whose database writes and alert publications finished; a face that keeps failing is dead-lettered.
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
        LogStarting(subscription.Topic, subscription.GroupId);
        return loop.RunAsync(subscription, matcher.HandleAsync, stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Matcher reading {Topic} as group {GroupId}")]
    private partial void LogStarting(string topic, string groupId);
}
