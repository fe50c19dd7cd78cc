using Aird.Stream.Contracts;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Messaging;

/// <summary>
/// Reads contract messages of type <typeparamref name="T"/> from a topic as a member of a consumer group and hands
/// them in partition order to a handler: one at a time (<see cref="RunAsync"/>) or in batches
/// (<see cref="RunBatchesAsync"/>). At least once:
/// <list type="bullet">
/// <item>A message is <em>finished</em> when its handler (or its batch's handler) returned, or when it was
/// dead-lettered and the dead-letter topic acknowledged it. Only finished messages are committed: the committed offset
/// of a partition is always the offset after its last finished message, and since messages finish in the order they
/// are read (a batch's all together, after its handler returned), no unfinished message lies below it.</item>
/// <item>Commits are synchronous and batched: after <see cref="KafkaOptions.CommitBatchSize"/> finished messages or
/// <see cref="KafkaOptions.CommitIntervalMs"/>, before partitions are revoked, and on shutdown. After a crash the
/// group re-delivers what was finished but not yet committed: handlers must be idempotent.</item>
/// <item>Bytes that do not parse as <typeparamref name="T"/>, or carry an unknown schema version, are dead-lettered at
/// once and never reach a handler. A handler that throws is retried up to <see cref="KafkaOptions.HandlerMaxAttempts"/>
/// times with doubling backoff, then the message is dead-lettered; one that throws <see cref="MessageRejectedException"/>
/// is dead-lettered at once. Either way the loop goes on with the next message.</item>
/// <item>Cancellation stops the loop gracefully: the message or batch in flight is finished (the handler receives the
/// same token; a handler that gives up on it leaves its messages uncommitted, for redelivery), finished offsets are
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

    /// <summary>
    /// Handles one message at a time until <paramref name="cancellationToken"/> is cancelled, then returns after the
    /// graceful stop.
    /// </summary>
    /// <exception cref="KafkaUnavailableException">
    /// Kafka did not serve the topic within <see cref="KafkaOptions.StartupTimeoutMs"/>, or the dead-letter topic did
    /// not acknowledge a dead letter (the loop stops rather than lose that message).
    /// </exception>
    public Task RunAsync(
        KafkaSubscription subscription,
        Func<ConsumedMessage<T>, CancellationToken, ValueTask> handler,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Start(subscription, handler, null, ConsumerBatchLimits.Single, cancellationToken);
    }

    /// <summary>
    /// Like <see cref="RunAsync"/>, but hands the messages over in batches of up to
    /// <see cref="ConsumerBatchLimits.MaxMessages"/>, collected for at most <see cref="ConsumerBatchLimits.MaxWait"/>
    /// after a batch's first message; a batch may mix partitions, each in its order.
    /// <list type="bullet">
    /// <item>A batch's offsets are committed only after <paramref name="batchHandler"/> returned for it.</item>
    /// <item>Unparseable messages of a batch are dead-lettered before the batch handler runs and are not in the list it
    /// gets; a batch of nothing else is finished without calling it.</item>
    /// <item>When <paramref name="batchHandler"/> throws, the batch is handled again one message at a time by
    /// <paramref name="handler"/> with the one-message mode's retries and dead-lettering, so a poison message is
    /// isolated without blocking or dead-lettering its neighbours. Handlers must therefore be idempotent across the two
    /// paths: the batch handler may have done part of its work before it threw.</item>
    /// <item>Partitions revoked or lost while a batch is being collected take their messages out of it, unhandled and
    /// uncommitted. A batch handler that gives up on cancellation leaves its whole batch uncommitted.</item>
    /// <item>A batch, including the one-at-a-time fallback, must finish within <see cref="KafkaOptions.MaxPollIntervalMs"/>,
    /// or the group evicts the member.</item>
    /// </list>
    /// </summary>
    /// <exception cref="KafkaUnavailableException">As for <see cref="RunAsync"/>.</exception>
    public Task RunBatchesAsync(
        KafkaSubscription subscription,
        ConsumerBatchLimits limits,
        Func<IReadOnlyList<ConsumedMessage<T>>, CancellationToken, ValueTask> batchHandler,
        Func<ConsumedMessage<T>, CancellationToken, ValueTask> handler,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(batchHandler);
        ArgumentNullException.ThrowIfNull(handler);
        return Start(subscription, handler, batchHandler, limits, cancellationToken);
    }

    private Task Start(
        KafkaSubscription subscription,
        Func<ConsumedMessage<T>, CancellationToken, ValueTask> handler,
        Func<IReadOnlyList<ConsumedMessage<T>>, CancellationToken, ValueTask>? batchHandler,
        ConsumerBatchLimits limits,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var session = new ConsumerSession<T>(
            options, topics.DeadLetters, deadLetters, metrics, logger, subscription, handler, batchHandler, limits, cancellationToken);

        // librdkafka's poll blocks the calling thread: the loop gets a thread of its own instead of a pool thread.
        return Task.Factory.StartNew(session.Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }
}
