using Aird.Stream.Contracts;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Messaging;

/// <summary>
/// Reads contract messages of type <typeparamref name="T"/> from a topic as a member of a consumer group and hands
/// them, one at a time and in partition order, to a handler. At least once:
/// <list type="bullet">
/// <item>A message is <em>finished</em> when its handler returned, or when it was dead-lettered and the dead-letter
/// topic acknowledged it. Only finished messages are committed: the committed offset of a partition is always the
/// offset after its last finished message, and since messages finish in the order they are read, no unfinished
/// message lies below it.</item>
/// <item>Commits are synchronous and batched: after <see cref="KafkaOptions.CommitBatchSize"/> finished messages or
/// <see cref="KafkaOptions.CommitIntervalMs"/>, before partitions are revoked, and on shutdown. After a crash the
/// group re-delivers what was finished but not yet committed: handlers must be idempotent.</item>
/// <item>Bytes that do not parse as <typeparamref name="T"/>, or carry an unknown schema version, are dead-lettered at
/// once. A handler that throws is retried up to <see cref="KafkaOptions.HandlerMaxAttempts"/> times with doubling
/// backoff, then the message is dead-lettered; one that throws <see cref="MessageRejectedException"/> is dead-lettered
/// at once. Either way the loop goes on with the next message.</item>
/// <item>Cancellation stops the loop gracefully: the message in flight is finished (the handler receives the same
/// token; a handler that gives up on it leaves its message uncommitted, for redelivery), finished offsets are
/// committed and the consumer leaves the group.</item>
/// </list>
/// </summary>
public sealed class KafkaConsumerLoop<T>
    where T : IVersionedMessage, IMessage<T>, new()
{
    private readonly KafkaOptions options;
    private readonly TopicOptions topics;
    private readonly KafkaProducer<DeadLetter> deadLetters;
    private readonly MessagingMetrics metrics;
    private readonly ILogger logger;

    public KafkaConsumerLoop(
        IOptions<KafkaOptions> options,
        IOptions<TopicOptions> topics,
        KafkaProducer<DeadLetter> deadLetters,
        MessagingMetrics metrics,
        ILogger<KafkaConsumerLoop<T>> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(topics);
        this.options = options.Value;
        this.topics = topics.Value;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.logger = logger;
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled, then returns after the graceful stop.</summary>
    /// <exception cref="KafkaUnavailableException">
    /// Kafka did not serve the topic within <see cref="KafkaOptions.StartupTimeoutMs"/>, or the dead-letter topic did
    /// not acknowledge a dead letter (the loop stops rather than lose that message).
    /// </exception>
    public Task RunAsync(
        KafkaSubscription subscription,
        Func<ConsumedMessage<T>, CancellationToken, ValueTask> handler,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(handler);
        var session = new ConsumerSession<T>(
            options, topics.DeadLetters, deadLetters, metrics, logger, subscription, handler, cancellationToken);

        // librdkafka's poll blocks the calling thread: the loop gets a thread of its own instead of a pool thread.
        return Task.Factory.StartNew(session.Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }
}
