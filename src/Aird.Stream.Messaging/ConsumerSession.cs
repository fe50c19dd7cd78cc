using Aird.Stream.Contracts;
using Confluent.Kafka;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Aird.Stream.Messaging;

/// <summary>
/// One run of a <see cref="KafkaConsumerLoop{T}"/>: a consumer in a group, collecting messages into batches (of one
/// message in the one-message mode) and finishing each batch, in read order, on the thread that calls
/// <see cref="Run"/>. See <see cref="KafkaConsumerLoop{T}"/> for the delivery guarantees.
/// </summary>
/// <remarks>
/// Rebalance callbacks run inside <c>Consume</c>, on this thread: so a batch is never revoked while its handler runs,
/// only while it is being collected, and then its messages of those partitions are dropped (uncommitted, they go to
/// the partitions' next owner).
/// </remarks>
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
    private readonly Func<IReadOnlyList<ConsumedMessage<T>>, CancellationToken, ValueTask>? batchHandler;
    private readonly ConsumerBatchLimits limits;
    private readonly CancellationToken stopping;
    private readonly ClientDiagnostics diagnostics;
    private readonly OffsetTracker offsets;
    private readonly ConsumerLag lag;
    private readonly List<Delivery> inFlight = [];

    /// <param name="batchHandler">Null in the one-message mode, where <paramref name="limits"/> is <see cref="ConsumerBatchLimits.Single"/>.</param>
    public ConsumerSession(
        KafkaOptions options,
        string deadLetterTopic,
        KafkaProducer<DeadLetter> deadLetters,
        MessagingMetrics metrics,
        ILogger logger,
        KafkaSubscription subscription,
        Func<ConsumedMessage<T>, CancellationToken, ValueTask> handler,
        Func<IReadOnlyList<ConsumedMessage<T>>, CancellationToken, ValueTask>? batchHandler,
        ConsumerBatchLimits limits,
        CancellationToken stopping)
    {
        this.options = options;
        this.deadLetterTopic = deadLetterTopic;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.logger = logger;
        this.subscription = subscription;
        this.handler = handler;
        this.batchHandler = batchHandler;
        this.limits = limits;
        this.stopping = stopping;
        diagnostics = new ClientDiagnostics(logger, $"{options.ClientId} consumer of {subscription.Topic} in {subscription.GroupId}");
        offsets = new OffsetTracker(options.CommitBatchSize, TimeSpan.FromMilliseconds(options.CommitIntervalMs), TimeProvider.System);
        lag = new ConsumerLag(subscription.GroupId);
    }

    private enum BatchOutcome
    {
        Finished,
        Failed,
        Stopped,
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
            var full = Collect(consumer);
            if (inFlight.Count > 0 && !FinishInFlight())
            {
                return;
            }

            if (!full || offsets.CommitDue)
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
    /// Reads into <see cref="inFlight"/> until it holds <see cref="ConsumerBatchLimits.MaxMessages"/> messages, the
    /// batch's wait is over, or the loop stops; true when the batch is full (more may be waiting).
    /// </summary>
    private bool Collect(IConsumer<byte[], byte[]> consumer)
    {
        if (Consume(consumer, PollTimeout) is not { } first)
        {
            return false;
        }

        Add(first);
        var started = TimeProvider.System.GetTimestamp();
        while (inFlight.Count < limits.MaxMessages && !stopping.IsCancellationRequested)
        {
            var left = limits.MaxWait - TimeProvider.System.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                break;
            }

            if (Consume(consumer, left < PollTimeout ? left : PollTimeout) is { } next)
            {
                Add(next);
            }
        }

        return inFlight.Count >= limits.MaxMessages;
    }

    private void Add(ConsumeResult<byte[], byte[]> result)
    {
        metrics.Consumed(Topic);
        try
        {
            var message = ContractCodec.Parse<T>(result.Message.Value);
            inFlight.Add(new Delivery(result, new ConsumedMessage<T>(DeadLetters.KeyOf(result), message, result.TopicPartitionOffset, result.Message.Timestamp.UtcDateTime), null));
        }
        catch (ContractFormatException e)
        {
            inFlight.Add(new Delivery(result, null, e));
        }
    }

    /// <summary>
    /// Dead-letters the unparseable messages of the batch, hands the others to the batch handler, or, where there is
    /// none or it failed, one by one to the message handler, and marks the batch finished in read order; false when
    /// stopped first (what did not finish stays uncommitted).
    /// </summary>
    private bool FinishInFlight()
    {
        try
        {
            foreach (var unparseable in inFlight.Where(d => d.Message is null))
            {
                DeadLetter(unparseable.Result, unparseable.FormatError!.Message, unparseable.FormatError, "unparseable");
            }

            var outcome = batchHandler is null ? BatchOutcome.Failed : HandleBatch(batchHandler);
            if (outcome == BatchOutcome.Stopped)
            {
                return false;
            }

            foreach (var delivery in inFlight)
            {
                if (outcome == BatchOutcome.Failed && delivery.Message is { } message && !Handle(delivery.Result, message))
                {
                    return false;
                }

                offsets.Finished(delivery.Result.TopicPartitionOffset);
            }

            return true;
        }
        finally
        {
            inFlight.Clear();
        }
    }

    private BatchOutcome HandleBatch(Func<IReadOnlyList<ConsumedMessage<T>>, CancellationToken, ValueTask> handleBatch)
    {
        List<ConsumedMessage<T>> messages = [.. inFlight.Select(d => d.Message).OfType<ConsumedMessage<T>>()];
        if (messages.Count == 0)
        {
            return BatchOutcome.Finished;
        }

        try
        {
            Wait(handleBatch(messages, stopping));
            return BatchOutcome.Finished;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return BatchOutcome.Stopped;
        }
        catch (Exception e)
        {
            // Whichever message made it fail, one at a time it meets the retries and dead-lettering alone.
            metrics.BatchFailed(Topic);
            MessagingLog.BatchFailed(logger, e, messages.Count, messages[0].Source, messages[^1].Source);
            return BatchOutcome.Failed;
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

    private ConsumeResult<byte[], byte[]>? Consume(IConsumer<byte[], byte[]> consumer, TimeSpan timeout)
    {
        try
        {
            return consumer.Consume(timeout);
        }
        catch (ConsumeException e) when (!e.Error.IsFatal)
        {
            MessagingLog.ConsumeError(logger, Topic, e.Error.Reason);
            return null;
        }
    }

    /// <summary>Handles, retries or dead-letters one parsed message; false when stopped before either happened.</summary>
    private bool Handle(ConsumeResult<byte[], byte[]> result, ConsumedMessage<T> consumed)
    {
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
        Abandon(partitions);
        Commit(consumer, offsets.Take(partitions));
        lag.Forget(partitions);
        NotifyRevoked(partitions);
    }

    private void OnLost(IConsumer<byte[], byte[]> consumer, List<TopicPartitionOffset> lost)
    {
        var partitions = lost.Select(p => p.TopicPartition).ToList();
        MessagingLog.Lost(logger, Group, partitions);
        Abandon(partitions);

        // The group moved on: a commit would be refused, and the new owner replays these messages anyway.
        offsets.Take(partitions);
        lag.Forget(partitions);
        NotifyRevoked(partitions);
    }

    /// <summary>Drops the collected, unhandled messages of partitions that go away: their next owner reads them again.</summary>
    private void Abandon(List<TopicPartition> partitions) => inFlight.RemoveAll(d => partitions.Contains(d.Result.TopicPartition));

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

    /// <summary>One message read into the batch: parsed, or with the reason it could not be.</summary>
    private sealed record Delivery(ConsumeResult<byte[], byte[]> Result, ConsumedMessage<T>? Message, ContractFormatException? FormatError);
}
