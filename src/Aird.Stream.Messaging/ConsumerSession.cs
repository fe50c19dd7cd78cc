using Aird.Stream.Contracts;
using Confluent.Kafka;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Aird.Stream.Messaging;

/// <summary>
/// One run of a <see cref="KafkaConsumerLoop{T}"/>: a consumer in a group, handling one message at a time on the
/// thread that calls <see cref="Run"/>. See <see cref="KafkaConsumerLoop{T}"/> for the delivery guarantees.
/// </summary>
internal sealed class ConsumerSession<T>
    where T : IVersionedMessage, IMessage<T>, new()
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan StartupProbe = TimeSpan.FromSeconds(1);

    private readonly KafkaOptions options;
    private readonly string deadLetterTopic;
    private readonly KafkaProducer<DeadLetter> deadLetters;
    private readonly MessagingMetrics metrics;
    private readonly ILogger logger;
    private readonly KafkaSubscription subscription;
    private readonly Func<ConsumedMessage<T>, CancellationToken, ValueTask> handler;
    private readonly CancellationToken stopping;
    private readonly ClientDiagnostics diagnostics;
    private readonly OffsetTracker offsets;
    private readonly ConsumerLag lag;

    public ConsumerSession(
        KafkaOptions options,
        string deadLetterTopic,
        KafkaProducer<DeadLetter> deadLetters,
        MessagingMetrics metrics,
        ILogger logger,
        KafkaSubscription subscription,
        Func<ConsumedMessage<T>, CancellationToken, ValueTask> handler,
        CancellationToken stopping)
    {
        this.options = options;
        this.deadLetterTopic = deadLetterTopic;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.logger = logger;
        this.subscription = subscription;
        this.handler = handler;
        this.stopping = stopping;
        diagnostics = new ClientDiagnostics(logger, $"{options.ClientId} consumer of {subscription.Topic} in {subscription.GroupId}");
        offsets = new OffsetTracker(options.CommitBatchSize, TimeSpan.FromMilliseconds(options.CommitIntervalMs), TimeProvider.System);
        lag = new ConsumerLag(subscription.GroupId);
    }

    private string Topic => subscription.Topic;

    private string Group => subscription.GroupId;

    public void Run()
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(KafkaClientConfigs.Consumer(options, Group))
            .SetErrorHandler(diagnostics.OnError)
            .SetLogHandler(diagnostics.OnLog)
            .SetPartitionsAssignedHandler(OnAssigned)
            .SetPartitionsRevokedHandler(OnRevoked)
            .SetPartitionsLostHandler(OnLost)
            .Build();
        using var lagRegistration = metrics.Track(lag);
        if (!WaitForTopic(consumer))
        {
            return;
        }

        consumer.Subscribe(Topic);
        MessagingLog.ConsumerStarted(logger, Topic, Group);
        try
        {
            Poll(consumer);
        }
        finally
        {
            // Everything finished so far, also when a dead letter could not be delivered: that message stays uncommitted.
            Commit(consumer, offsets.TakeAll());
            Close(consumer);
            MessagingLog.ConsumerStopped(logger, Topic, Group);
        }
    }

    private void Poll(IConsumer<byte[], byte[]> consumer)
    {
        while (!stopping.IsCancellationRequested)
        {
            var result = Consume(consumer);
            if (result is not null)
            {
                if (!Finish(result))
                {
                    return;
                }

                offsets.Finished(result.TopicPartitionOffset);
            }

            if (result is null || offsets.CommitDue)
            {
                lag.Refresh(consumer);
            }

            if (offsets.CommitDue)
            {
                var due = offsets.TakeAll();
                if (!Commit(consumer, due))
                {
                    // Still ours: the next commit, or the one before a revocation, tries again.
                    offsets.Restore(due);
                }
            }
        }
    }

    /// <summary>
    /// Probes the topic until Kafka serves it (a broker may still be starting), failing with the cause after
    /// <see cref="KafkaOptions.StartupTimeoutMs"/>; false when stopped meanwhile.
    /// </summary>
    private bool WaitForTopic(IConsumer<byte[], byte[]> consumer)
    {
        var partition = new TopicPartition(Topic, 0);
        var timeout = TimeSpan.FromMilliseconds(options.StartupTimeoutMs);
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try
            {
                consumer.QueryWatermarkOffsets(partition, StartupProbe);
                return true;
            }
            catch (KafkaException e) when (TimeProvider.System.GetElapsedTime(started) >= timeout)
            {
                var reason = e.Error.Code switch
                {
                    ErrorCode.UnknownTopicOrPart or ErrorCode.Local_UnknownTopic or ErrorCode.Local_UnknownPartition =>
                        $"the topic does not exist ({e.Error.Reason})",

                    // Timeouts and "all brokers down" say little; the client's last broker error names the cause.
                    _ when e.Error.IsLocalError => diagnostics.LastErrorOr(e.Error.Reason),
                    _ => e.Error.Reason,
                };
                throw new KafkaUnavailableException(
                    $"Kafka at '{options.BootstrapServers}' did not serve topic '{Topic}' within {options.StartupTimeoutMs} ms: {reason}",
                    e);
            }
            catch (KafkaException)
            {
                // Not subscribed yet, so this returns no message: it only serves the client's error events.
                consumer.Consume(StartupProbe / 5);
                if (stopping.IsCancellationRequested)
                {
                    return false;
                }
            }
        }
    }

    private ConsumeResult<byte[], byte[]>? Consume(IConsumer<byte[], byte[]> consumer)
    {
        try
        {
            return consumer.Consume(PollTimeout);
        }
        catch (ConsumeException e) when (!e.Error.IsFatal)
        {
            MessagingLog.ConsumeError(logger, Topic, e.Error.Reason);
            return null;
        }
    }

    /// <summary>Handles or dead-letters <paramref name="result"/>; false when stopped before either happened.</summary>
    private bool Finish(ConsumeResult<byte[], byte[]> result)
    {
        metrics.Consumed(Topic);
        T message;
        try
        {
            message = ContractCodec.Parse<T>(result.Message.Value);
        }
        catch (ContractFormatException e)
        {
            DeadLetter(result, e.Message, e, "unparseable");
            return true;
        }

        var consumed = new ConsumedMessage<T>(DeadLetters.KeyOf(result), message, result.TopicPartitionOffset, result.Message.Timestamp.UtcDateTime);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Wait(handler(consumed, stopping));
                return true;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return false;
            }
            catch (MessageRejectedException e)
            {
                // The content itself is wrong: every further attempt would fail the same way.
                metrics.HandlerFailed(Topic);
                DeadLetter(result, $"rejected: {e.Message}", e, "rejected");
                return true;
            }
            catch (Exception e)
            {
                metrics.HandlerFailed(Topic);
                MessagingLog.HandlerFailed(logger, e, result.TopicPartitionOffset, attempt, options.HandlerMaxAttempts);
                if (attempt >= options.HandlerMaxAttempts)
                {
                    DeadLetter(result, $"handler failed {attempt} time(s): {e.Message}", e, "handler");
                    return true;
                }
            }

            if (stopping.WaitHandle.WaitOne(Backoff(attempt)))
            {
                return false;
            }
        }
    }

    private TimeSpan Backoff(int failedAttempts) =>
        TimeSpan.FromMilliseconds(Math.Min(options.RetryBackoffMaxMs, options.RetryBackoffMs * Math.Pow(2, failedAttempts - 1)));

    private void DeadLetter(ConsumeResult<byte[], byte[]> result, string reason, Exception cause, string causeKind)
    {
        var letter = DeadLetters.Describe(result, reason, cause, Group, TimeProvider.System.GetUtcNow());

        // Acknowledged before the source offset counts as finished, and not cancelled by shutdown: a stop or crash in
        // between must leave the message uncommitted rather than lost.
        deadLetters.ProduceAsync(deadLetterTopic, DeadLetters.KeyOf(result), letter, CancellationToken.None).GetAwaiter().GetResult();
        metrics.DeadLettered(Topic, causeKind);
        MessagingLog.DeadLettered(logger, result.TopicPartitionOffset, deadLetterTopic, reason);
    }

    private void OnAssigned(IConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions)
    {
        MessagingLog.Assigned(logger, Group, partitions);
        if (subscription.OnPartitionsAssigned is { } onAssigned)
        {
            Wait(onAssigned(partitions, stopping));
        }
    }

    private void OnRevoked(IConsumer<byte[], byte[]> consumer, List<TopicPartitionOffset> revoked)
    {
        var partitions = revoked.Select(p => p.TopicPartition).ToList();
        MessagingLog.Revoked(logger, Group, partitions);
        Commit(consumer, offsets.Take(partitions));
        lag.Forget(partitions);
        NotifyRevoked(partitions);
    }

    private void OnLost(IConsumer<byte[], byte[]> consumer, List<TopicPartitionOffset> lost)
    {
        var partitions = lost.Select(p => p.TopicPartition).ToList();
        MessagingLog.Lost(logger, Group, partitions);

        // The group moved on: a commit would be refused, and the new owner replays these messages anyway.
        offsets.Take(partitions);
        lag.Forget(partitions);
        NotifyRevoked(partitions);
    }

    private void NotifyRevoked(List<TopicPartition> partitions)
    {
        if (subscription.OnPartitionsRevoked is { } onRevoked)
        {
            Wait(onRevoked(partitions, CancellationToken.None));
        }
    }

    /// <summary>
    /// Commits <paramref name="finished"/>; false, logged, when Kafka refused (e.g. while the group rebalances).
    /// Offsets of revoked partitions are never retried: once another member owns them, they would move its progress back.
    /// </summary>
    private bool Commit(IConsumer<byte[], byte[]> consumer, List<TopicPartitionOffset> finished)
    {
        if (finished.Count == 0)
        {
            return true;
        }

        try
        {
            consumer.Commit(finished);
            return true;
        }
        catch (KafkaException e)
        {
            MessagingLog.CommitFailed(logger, e, finished);
            return false;
        }
    }

    private void Close(IConsumer<byte[], byte[]> consumer)
    {
        try
        {
            consumer.Close();
        }
        catch (KafkaException e)
        {
            MessagingLog.CloseFailed(logger, e, Topic);
        }
    }

    /// <summary>Blocks this dedicated consumer thread on an asynchronous callback; there is no context to deadlock on.</summary>
    private static void Wait(ValueTask pending)
    {
        if (!pending.IsCompletedSuccessfully)
        {
            pending.AsTask().GetAwaiter().GetResult();
        }
    }
}
