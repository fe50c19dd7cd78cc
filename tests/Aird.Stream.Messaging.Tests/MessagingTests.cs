using System.Collections.Concurrent;
using System.Text;
using Aird.Stream.Contracts;
using Aird.Stream.Messaging.Tests.Brokers;
using Aird.Stream.Messaging.Tests.Support;
using Confluent.Kafka;

namespace Aird.Stream.Messaging.Tests;

/// <summary>
/// The messaging layer's guarantees, over real TCP against a broker: the same test bodies run against the mock
/// cluster and against Apache Kafka in a container. Every test uses topics and groups of its own.
/// </summary>
public abstract class MessagingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected abstract IKafkaTestBroker Broker { get; }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ten_thousand_messages_across_four_partitions_arrive_exactly_once_in_partition_order()
    {
        const int partitions = 4;
        const int count = 10_000;
        const int cameras = 20;
        var broker = Broker;
        await using var harness = await MessagingHarness.CreateAsync(broker);
        var topic = await CreateTopicAsync(broker, "crops", partitions);
        using var metrics = new MetricsRecorder(topic);

        var deliveries = Enumerable.Range(0, count)
            .Select(i => harness.Crops.ProduceAsync(topic, Camera(i % cameras), Crops.Create(Camera(i % cameras), i / cameras), Cancellation));
        var delivered = await Task.WhenAll(deliveries);
        Assert.Equal(partitions, delivered.Select(d => d.Partition.Value).Distinct().Count());

        var received = new ConcurrentQueue<ConsumedMessage<FaceCrop>>();
        using var stop = new CancellationTokenSource();
        var group = MessagingHarness.UniqueName("group");
        var run = harness.CreateLoop().RunAsync(new KafkaSubscription(topic, group), (message, _) =>
        {
            received.Enqueue(message);
            return ValueTask.CompletedTask;
        }, stop.Token);
        await Eventually.HoldsAsync(() => received.Count >= count || run.IsCompleted, Patience, "every message was handled");
        await Eventually.HoldsAsync(
            () => metrics.ObserveLag() is { Count: partitions } lag && lag.Values.All(l => l == 0),
            Patience,
            "the lag gauge reports 0 for every partition");
        await stop.CancelAsync();
        await run;

        Assert.Equal(count, received.Count);
        Assert.Equal(count, received.Select(m => (m.Source.Partition.Value, m.Source.Offset.Value)).Distinct().Count());
        foreach (var partition in received.GroupBy(m => m.Source.Partition.Value))
        {
            Assert.Equal(Enumerable.Range(0, partition.Count()).Select(o => (long)o), partition.Select(m => m.Source.Offset.Value));
        }

        foreach (var camera in received.GroupBy(m => m.Key))
        {
            Assert.Equal(Enumerable.Range(0, count / cameras), camera.Select(m => Crops.SequenceOf(m.Message)));
        }

        Assert.Equal(harness.HighWatermarks(topic, partitions), harness.Committed(group, topic, partitions));
        Assert.Equal(count, metrics.Sum("aird.messaging.produced"));
        Assert.Equal(count, metrics.Sum("aird.messaging.consumed"));
    }

    [Fact]
    public async Task A_consumer_that_crashes_hands_over_exactly_its_uncommitted_messages()
    {
        const int partitions = 4;
        const int count = 2_000;
        const int committedByCrashed = 800;
        const int handledByCrashed = 1_200;
        var broker = Broker;
        await using var harness = await MessagingHarness.CreateAsync(broker);
        var topic = await CreateTopicAsync(broker, "crops", partitions);
        await ProduceAsync(harness, topic, count, cameras: 8);
        var group = MessagingHarness.UniqueName("group");

        var handled = new HashSet<(int Partition, long Offset)>();
        var crashed = harness.CreateRawConsumer(group);
        crashed.Subscribe(topic);
        var next = new Dictionary<TopicPartition, Offset>();
        while (handled.Count < handledByCrashed)
        {
            var result = crashed.Consume(Patience);
            Assert.NotNull(result);
            handled.Add((result.Partition.Value, result.Offset.Value));
            next[result.TopicPartition] = result.Offset + 1;
            if (handled.Count == committedByCrashed)
            {
                crashed.Commit(next.Select(n => new TopicPartitionOffset(n.Key, n.Value)));
            }
        }

        // Dispose without Close: no commit and no leaving the group, as if the process had died.
        crashed.Dispose();
        var committed = harness.Committed(group, topic, partitions);
        Assert.Equal(committedByCrashed, committed.Sum(c => Math.Max(c, 0)));

        var received = new ConcurrentQueue<(int Partition, long Offset)>();
        using var stop = new CancellationTokenSource();
        var run = harness.CreateLoop().RunAsync(new KafkaSubscription(topic, group), (message, _) =>
        {
            received.Enqueue((message.Source.Partition.Value, message.Source.Offset.Value));
            return ValueTask.CompletedTask;
        }, stop.Token);
        await Eventually.HoldsAsync(
            () => received.Count >= count - committedByCrashed || run.IsCompleted, Patience, "the uncommitted messages were handled");
        await stop.CancelAsync();
        await run;

        var ends = harness.HighWatermarks(topic, partitions);
        var expected = Enumerable.Range(0, partitions)
            .SelectMany(p => Enumerable.Range(0, count).Select(o => (Partition: p, Offset: (long)o)))
            .Where(m => m.Offset >= Math.Max(committed[m.Partition], 0) && m.Offset < ends[m.Partition]);
        Assert.Equal(received.Count, received.Distinct().Count());
        Assert.Equal(expected.OrderBy(m => m), received.OrderBy(m => m));
        Assert.Equal(handledByCrashed - committedByCrashed, handled.Count(received.Contains));
    }

    [Fact]
    public async Task Only_finished_messages_are_committed_and_a_graceful_stop_finishes_the_message_in_flight()
    {
        const int partitions = 2;
        const int blockAt = 50;
        var broker = Broker;
        await using var harness = await MessagingHarness.CreateAsync(broker);
        var topic = await CreateTopicAsync(broker, "crops", partitions);
        await ProduceAsync(harness, topic, 200, cameras: 10);
        var group = MessagingHarness.UniqueName("group");

        var handled = new ConcurrentQueue<TopicPartitionOffset>();
        var blocked = new TaskCompletionSource<TopicPartitionOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var run = harness.CreateLoop().RunAsync(new KafkaSubscription(topic, group), async (message, _) =>
        {
            if (handled.Count == blockAt - 1)
            {
                // The in-flight message ignores cancellation: the loop must wait for it.
                blocked.SetResult(message.Source);
                await release.Task;
            }
            else
            {
                await Task.Delay(10, CancellationToken.None);
            }

            handled.Enqueue(message.Source);
        }, stop.Token);

        var inFlight = await blocked.Task.WaitAsync(Patience, Cancellation);
        var whileBlocked = harness.Committed(group, topic, partitions);
        Assert.True(whileBlocked[inFlight.Partition.Value] <= inFlight.Offset.Value, "the unfinished message was committed");
        AssertCommittedAtMostHandled(whileBlocked, handled);

        await stop.CancelAsync();
        await Task.Delay(300, Cancellation);
        Assert.False(run.IsCompleted, "the loop stopped before the message in flight was finished");
        release.SetResult();
        await run.WaitAsync(Patience, Cancellation);

        Assert.Equal(blockAt, handled.Count);
        var finished = Enumerable.Range(0, partitions)
            .Select(p => handled.Where(h => h.Partition.Value == p).Select(h => h.Offset.Value + 1).DefaultIfEmpty(Offset.Unset.Value).Max());
        Assert.Equal(finished, harness.Committed(group, topic, partitions));
    }

    [Fact]
    public async Task Unparseable_messages_and_unknown_schema_versions_are_dead_lettered_and_the_loop_goes_on()
    {
        var broker = Broker;
        await using var harness = await MessagingHarness.CreateAsync(broker);
        var topic = await CreateTopicAsync(broker, "crops", 1);
        using var metrics = new MetricsRecorder(topic);
        var garbage = Encoding.UTF8.GetBytes("this is not a FaceCrop");
        var fromTheFuture = ContractCodec.Serialize(Crops.Create("cam-b", 2, schemaVersion: 99));
        await harness.Crops.ProduceAsync(topic, "cam-a", Crops.Create("cam-a", 0), Cancellation);
        await harness.ProduceRawAsync(topic, "cam-garbage", garbage);
        await harness.ProduceRawAsync(topic, "cam-b", fromTheFuture);
        await harness.Crops.ProduceAsync(topic, "cam-a", Crops.Create("cam-a", 3), Cancellation);

        var group = MessagingHarness.UniqueName("group");
        var handled = new ConcurrentQueue<ConsumedMessage<FaceCrop>>();
        using var stop = new CancellationTokenSource();
        var run = harness.CreateLoop().RunAsync(new KafkaSubscription(topic, group), (message, _) =>
        {
            handled.Enqueue(message);
            return ValueTask.CompletedTask;
        }, stop.Token);
        await Eventually.HoldsAsync(() => handled.Count >= 2 || run.IsCompleted, Patience, "the valid messages were handled");
        await stop.CancelAsync();
        await run;

        Assert.Equal([0, 3], handled.Select(m => Crops.SequenceOf(m.Message)));
        var letters = harness.ReadDeadLetters(2);
        Assert.Equal(2, letters.Count);
        AssertDeadLetter(letters[0], topic, group, 1, "cam-garbage", garbage, "unparseable FaceCrop");
        AssertDeadLetter(letters[1], topic, group, 2, "cam-b", fromTheFuture, "schema version 99");
        Assert.All(letters, l => Assert.Equal(typeof(ContractFormatException).FullName, l.ErrorType));
        Assert.Equal([4L], harness.Committed(group, topic, 1));
        Assert.Equal(2, metrics.Sum("aird.messaging.dead_lettered"));
    }

    [Fact]
    public async Task A_handler_that_keeps_failing_is_retried_then_dead_lettered_and_the_next_messages_are_handled()
    {
        var broker = Broker;
        await using var harness = await MessagingHarness.CreateAsync(broker);
        var topic = await CreateTopicAsync(broker, "crops", 1);
        using var metrics = new MetricsRecorder(topic);
        await ProduceAsync(harness, topic, 4, cameras: 1);

        var group = MessagingHarness.UniqueName("group");
        var (attempts, handled) = await HandleWithFailuresAsync(
            harness,
            new KafkaSubscription(topic, group),
            (message, sequence, attempt) => sequence == 1 || (sequence == 2 && attempt == 1)
                ? new InvalidOperationException($"state of {message.Key} is corrupt")
                : null,
            expectedHandled: 3);

        Assert.Equal([0, 2, 3], handled);
        Assert.Equal(3, attempts[1]);
        Assert.Equal(2, attempts[2]);
        var letter = Assert.Single(harness.ReadDeadLetters(1));
        AssertDeadLetter(letter, topic, group, 1, Camera(0), ContractCodec.Serialize(Crops.Create(Camera(0), 1)), "handler failed 3 time(s): state of cam-0 is corrupt");
        Assert.Equal(typeof(InvalidOperationException).FullName, letter.ErrorType);
        Assert.Equal([4L], harness.Committed(group, topic, 1));
        Assert.Equal(4, metrics.Sum("aird.messaging.failed"));
        Assert.Equal(1, metrics.Sum("aird.messaging.dead_lettered"));
    }

    [Fact]
    public async Task A_message_the_handler_rejects_is_dead_lettered_at_once_without_retries()
    {
        var broker = Broker;
        await using var harness = await MessagingHarness.CreateAsync(broker);
        var topic = await CreateTopicAsync(broker, "crops", 1);
        using var metrics = new MetricsRecorder(topic);
        await ProduceAsync(harness, topic, 3, cameras: 1);

        var group = MessagingHarness.UniqueName("group");
        var (attempts, handled) = await HandleWithFailuresAsync(
            harness,
            new KafkaSubscription(topic, group),
            (_, sequence, _) => sequence == 1 ? new MessageRejectedException("the image does not decode") : null,
            expectedHandled: 2);

        Assert.Equal([0, 2], handled);
        Assert.Equal(1, attempts[1]);
        var letter = Assert.Single(harness.ReadDeadLetters(1));
        AssertDeadLetter(letter, topic, group, 1, Camera(0), ContractCodec.Serialize(Crops.Create(Camera(0), 1)), "rejected: the image does not decode");
        Assert.Equal(typeof(MessageRejectedException).FullName, letter.ErrorType);
        Assert.Equal([3L], harness.Committed(group, topic, 1));
        Assert.Equal(1, metrics.Sum("aird.messaging.dead_lettered"));
    }

    [Fact]
    public async Task A_topic_the_broker_does_not_have_is_a_clear_error_within_the_startup_timeout()
    {
        await using var harness = await MessagingHarness.CreateAsync(Broker, new Dictionary<string, string?> { ["Kafka:StartupTimeoutMs"] = "2000" });
        var topic = MessagingHarness.UniqueName("missing");

        var run = harness.CreateLoop().RunAsync(
            new KafkaSubscription(topic, MessagingHarness.UniqueName("group")), (_, _) => ValueTask.CompletedTask, Cancellation);
        var error = await Assert.ThrowsAsync<KafkaUnavailableException>(() => run.WaitAsync(Patience, Cancellation));

        Assert.Contains($"did not serve topic '{topic}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("the topic does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Partitions_move_between_members_with_assign_and_revoke_callbacks_and_no_message_is_lost()
    {
        const int partitions = 4;
        const int count = 1_500;
        var broker = Broker;
        await using var harness = await MessagingHarness.CreateAsync(broker);
        var topic = await CreateTopicAsync(broker, "crops", partitions);
        await ProduceAsync(harness, topic, count, cameras: 16);
        var group = MessagingHarness.UniqueName("group");
        var received = new ConcurrentQueue<(int Partition, long Offset)>();
        using var first = new GroupMember(harness, topic, group, received);
        using var second = new GroupMember(harness, topic, group, received);

        first.Start();
        await Eventually.HoldsAsync(() => first.Owned.Count == partitions, Patience, "the first member owns every partition");
        second.Start();
        await Eventually.HoldsAsync(
            () => first.Owned.Count == 2 && second.Owned.Count == 2 && !first.Owned.Overlaps(second.Owned),
            Patience,
            "the members share the partitions");
        await second.StopAsync(Patience);
        Assert.Empty(second.Owned);
        await Eventually.HoldsAsync(() => first.Owned.Count == partitions, Patience, "the first member owns every partition again");
        await Eventually.HoldsAsync(() => received.Distinct().Count() >= count, Patience, "every message was handled");
        await first.StopAsync(Patience);

        // At least once, not exactly once: a commit racing a rebalance may be refused (the mock refuses every commit
        // while the group re-forms; Kafka only in its last phase), and the new owner then re-reads those messages.
        Assert.Empty(first.Owned);
        Assert.Equal(count, received.Distinct().Count());
        Assert.Equal(harness.HighWatermarks(topic, partitions), harness.Committed(group, topic, partitions));
    }

    /// <summary>
    /// Runs a consumer loop whose handler throws what <paramref name="failure"/> returns for a message (by sequence
    /// number and attempt, from 1) until <paramref name="expectedHandled"/> messages were handled, then stops it.
    /// </summary>
    private static async Task<(ConcurrentDictionary<int, int> Attempts, ConcurrentQueue<int> Handled)> HandleWithFailuresAsync(
        MessagingHarness harness, KafkaSubscription subscription, Func<ConsumedMessage<FaceCrop>, int, int, Exception?> failure, int expectedHandled)
    {
        var attempts = new ConcurrentDictionary<int, int>();
        var handled = new ConcurrentQueue<int>();
        using var stop = new CancellationTokenSource();
        var run = harness.CreateLoop().RunAsync(subscription, (message, _) =>
        {
            var sequence = Crops.SequenceOf(message.Message);
            if (failure(message, sequence, attempts.AddOrUpdate(sequence, 1, (_, a) => a + 1)) is { } error)
            {
                throw error;
            }

            handled.Enqueue(sequence);
            return ValueTask.CompletedTask;
        }, stop.Token);
        await Eventually.HoldsAsync(() => handled.Count >= expectedHandled || run.IsCompleted, Patience, "the other messages were handled");
        await stop.CancelAsync();
        await run;
        return (attempts, handled);
    }

    private static string Camera(int index) => $"cam-{index}";

    private static async Task<string> CreateTopicAsync(IKafkaTestBroker broker, string prefix, int partitions)
    {
        var topic = MessagingHarness.UniqueName(prefix);
        await broker.CreateTopicAsync(topic, partitions);
        return topic;
    }

    private static async Task ProduceAsync(MessagingHarness harness, string topic, int count, int cameras) =>
        await Task.WhenAll(Enumerable.Range(0, count)
            .Select(i => harness.Crops.ProduceAsync(topic, Camera(i % cameras), Crops.Create(Camera(i % cameras), i / cameras), Cancellation)));

    private static void AssertCommittedAtMostHandled(long[] committed, IEnumerable<TopicPartitionOffset> handled)
    {
        for (var partition = 0; partition < committed.Length; partition++)
        {
            var next = handled.Where(h => h.Partition.Value == partition).Select(h => h.Offset.Value + 1).DefaultIfEmpty(0).Max();
            Assert.True(committed[partition] <= next, $"partition {partition}: committed {committed[partition]}, handled up to {next}");
        }
    }

    private static void AssertDeadLetter(DeadLetter letter, string topic, string group, long offset, string key, byte[] payload, string reason)
    {
        Assert.Equal(SchemaVersions.Current, letter.SchemaVersion);
        Assert.Equal(topic, letter.SourceTopic);
        Assert.Equal(0, letter.SourcePartition);
        Assert.Equal(offset, letter.SourceOffset);
        Assert.Equal(key, letter.Key.ToStringUtf8());
        Assert.Equal(payload, letter.Payload.ToByteArray());
        Assert.Contains(reason, letter.Reason, StringComparison.Ordinal);
        Assert.Equal(group, letter.ConsumerGroup);
        Assert.InRange(letter.FailedAt.ToDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
    }
}
