using System.Collections.Concurrent;
using System.Text;
using Aird.Stream.Contracts;
using Aird.Stream.Messaging.Tests.Brokers;
using Aird.Stream.Messaging.Tests.Support;

namespace Aird.Stream.Messaging.Tests;

/// <summary>
/// The consumer loop's batch mode (<see cref="KafkaConsumerLoop{T}.RunBatchesAsync"/>) over real TCP against a broker.
/// Every test produces its messages before the loop starts, so that batches fill up.
/// </summary>
public abstract class BatchMessagingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected abstract IKafkaTestBroker Broker { get; }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Batches_never_exceed_the_maximum_and_every_message_is_handled_once_in_partition_order()
    {
        const int partitions = 2;
        const int count = 600;
        const int maxMessages = 32;
        var broker = Broker;
        await using var harness = await MessagingHarness.CreateAsync(broker);
        var topic = await CreateTopicAsync(broker, partitions);
        await ProduceAsync(harness, topic, count);
        var group = MessagingHarness.UniqueName("group");

        var batches = new ConcurrentQueue<IReadOnlyList<ConsumedMessage<FaceCrop>>>();
        using var stop = new CancellationTokenSource();
        var run = harness.CreateLoop().RunBatchesAsync(
            new KafkaSubscription(topic, group),
            new ConsumerBatchLimits(maxMessages, TimeSpan.FromMilliseconds(500)),
            (batch, _) =>
            {
                batches.Enqueue(batch);
                return ValueTask.CompletedTask;
            },
            (_, _) => throw new InvalidOperationException("no batch failed, so no message goes the single way"),
            stop.Token);
        await Eventually.HoldsAsync(() => batches.Sum(b => b.Count) >= count || run.IsCompleted, Patience, "every message was handled");
        await stop.CancelAsync();
        await run;

        Assert.All(batches, batch => Assert.InRange(batch.Count, 1, maxMessages));
        Assert.Contains(batches, batch => batch.Count == maxMessages);
        var received = batches.SelectMany(b => b).ToList();
        Assert.Equal(count, received.Count);
        foreach (var partition in received.GroupBy(m => m.Source.Partition.Value))
        {
            Assert.Equal(Enumerable.Range(0, partition.Count()).Select(o => (long)o), partition.Select(m => m.Source.Offset.Value));
        }

        Assert.Equal(harness.HighWatermarks(topic, partitions), harness.Committed(group, topic, partitions));
    }

    [Fact]
    public async Task A_batch_is_committed_only_after_its_handler_returned_and_an_abandoned_batch_is_delivered_again()
    {
        const int maxMessages = 10;
        const int blockedBatch = 2;
        var broker = Broker;
        await using var harness = await MessagingHarness.CreateAsync(broker);
        var topic = await CreateTopicAsync(broker, 1);
        await ProduceAsync(harness, topic, 50);
        var group = MessagingHarness.UniqueName("group");
        var limits = new ConsumerBatchLimits(maxMessages, TimeSpan.FromSeconds(1));

        var handled = new ConcurrentQueue<long[]>();
        var blocked = new TaskCompletionSource<long[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var run = harness.CreateLoop().RunBatchesAsync(
            new KafkaSubscription(topic, group),
            limits,
            async (batch, cancellationToken) =>
            {
                var offsets = batch.Select(m => m.Source.Offset.Value).ToArray();
                if (handled.Count == blockedBatch)
                {
                    // This handler gives up when the loop stops: its batch must stay uncommitted.
                    blocked.SetResult(offsets);
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                handled.Enqueue(offsets);
            },
            (_, _) => throw new InvalidOperationException("a batch that gives up on cancellation is not handled again one by one"),
            stop.Token);

        var inFlight = await blocked.Task.WaitAsync(Patience, Cancellation);
        Assert.Equal(Enumerable.Range(blockedBatch * maxMessages, maxMessages).Select(o => (long)o), inFlight);

        // Long enough for a commit interval: only the batches whose handler returned may be committed.
        await Task.Delay(500, Cancellation);
        Assert.InRange(harness.Committed(group, topic, 1)[0], long.MinValue, inFlight[0]);
        await stop.CancelAsync();
        await run.WaitAsync(Patience, Cancellation);
        Assert.Equal([inFlight[0]], harness.Committed(group, topic, 1));

        var again = new ConcurrentQueue<long[]>();
        using var restop = new CancellationTokenSource();
        var rerun = harness.CreateLoop().RunBatchesAsync(
            new KafkaSubscription(topic, group),
            limits,
            (batch, _) =>
            {
                again.Enqueue([.. batch.Select(m => m.Source.Offset.Value)]);
                return ValueTask.CompletedTask;
            },
            (_, _) => ValueTask.CompletedTask,
            restop.Token);
        await Eventually.HoldsAsync(() => again.Sum(b => b.Length) >= 30 || rerun.IsCompleted, Patience, "the rest was handled");
        await restop.CancelAsync();
        await rerun;

        Assert.Equal(inFlight, again.First());
        Assert.Equal(Enumerable.Range(20, 30).Select(o => (long)o), again.SelectMany(b => b));
        Assert.Equal([50L], harness.Committed(group, topic, 1));
    }

    [Fact]
    public async Task A_poison_message_in_a_batch_is_dead_lettered_alone_and_its_neighbours_are_handled_once_one_by_one()
    {
        const int count = 20;
        const int poison = 7;
        var broker = Broker;
        await using var harness = await MessagingHarness.CreateAsync(broker);
        var topic = await CreateTopicAsync(broker, 1);
        using var metrics = new MetricsRecorder(topic);
        await ProduceAsync(harness, topic, 10);
        var garbage = Encoding.UTF8.GetBytes("this is not a FaceCrop");
        await harness.ProduceRawAsync(topic, "cam-0", garbage);
        await Task.WhenAll(Enumerable.Range(10, count - 10)
            .Select(i => harness.Crops.ProduceAsync(topic, "cam-0", Crops.Create("cam-0", i), Cancellation)));

        var group = MessagingHarness.UniqueName("group");
        var batches = new ConcurrentQueue<int[]>();
        var handled = new ConcurrentQueue<int>();
        var attempts = new ConcurrentDictionary<int, int>();
        using var stop = new CancellationTokenSource();
        var run = harness.CreateLoop().RunBatchesAsync(
            new KafkaSubscription(topic, group),
            new ConsumerBatchLimits(64, TimeSpan.FromSeconds(2)),
            (batch, _) =>
            {
                var sequences = batch.Select(m => Crops.SequenceOf(m.Message)).ToArray();
                batches.Enqueue(sequences);
                return sequences.Contains(poison)
                    ? throw new MessageRejectedException("the image does not decode")
                    : ValueTask.CompletedTask;
            },
            (message, _) =>
            {
                var sequence = Crops.SequenceOf(message.Message);
                attempts.AddOrUpdate(sequence, 1, (_, a) => a + 1);
                if (sequence == poison)
                {
                    throw new MessageRejectedException("the image does not decode");
                }

                handled.Enqueue(sequence);
                return ValueTask.CompletedTask;
            },
            stop.Token);
        await Eventually.HoldsAsync(() => handled.Count >= count - 1 || run.IsCompleted, Patience, "the other messages were handled");
        await stop.CancelAsync();
        await run;

        Assert.Equal([.. Enumerable.Range(0, count)], Assert.Single(batches));
        Assert.Equal(Enumerable.Range(0, count).Where(i => i != poison), handled);
        Assert.All(attempts.Values, a => Assert.Equal(1, a));
        var letters = harness.ReadDeadLetters(2);
        Assert.Equal([10L, poison], letters.Select(l => l.SourceOffset));
        Assert.Contains("unparseable FaceCrop", letters[0].Reason, StringComparison.Ordinal);
        Assert.Equal(garbage, letters[0].Payload.ToByteArray());
        Assert.Equal("rejected: the image does not decode", letters[1].Reason);
        Assert.Equal([count + 1L], harness.Committed(group, topic, 1));
        Assert.Equal(1, metrics.Sum("aird.messaging.batch_failed"));
        Assert.Equal(2, metrics.Sum("aird.messaging.dead_lettered"));
    }

    private static async Task<string> CreateTopicAsync(IKafkaTestBroker broker, int partitions)
    {
        var topic = MessagingHarness.UniqueName("crops");
        await broker.CreateTopicAsync(topic, partitions);
        return topic;
    }

    /// <summary>Messages with sequences 0 to count - 1, keyed by eight cameras so that every partition gets some.</summary>
    private static async Task ProduceAsync(MessagingHarness harness, string topic, int count) =>
        await Task.WhenAll(Enumerable.Range(0, count)
            .Select(i => harness.Crops.ProduceAsync(topic, $"cam-{i % 8}", Crops.Create($"cam-{i % 8}", i), Cancellation)));
}
