using System.Collections.Concurrent;
using Confluent.Kafka;

namespace Aird.Stream.Messaging.Tests.Support;

/// <summary>One consumer loop of a group, keeping track of the partitions its callbacks say it owns.</summary>
public sealed class GroupMember(MessagingHarness harness, string topic, string group, ConcurrentQueue<(int Partition, long Offset)> received)
    : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Lock gate = new();
    private readonly HashSet<int> owned = [];
    private Task? run;

    public HashSet<int> Owned
    {
        get
        {
            lock (gate)
            {
                return [.. owned];
            }
        }
    }

    public void Start()
    {
        var subscription = new KafkaSubscription(topic, group)
        {
            OnPartitionsAssigned = (partitions, _) => Change(partitions, add: true),
            OnPartitionsRevoked = (partitions, _) => Change(partitions, add: false),
        };
        run = harness.CreateLoop().RunAsync(subscription, async (message, _) =>
        {
            received.Enqueue((message.Source.Partition.Value, message.Source.Offset.Value));
            await Task.Delay(2, CancellationToken.None);
        }, stop.Token);
    }

    public async Task StopAsync(TimeSpan patience)
    {
        await stop.CancelAsync();
        await run!.WaitAsync(patience, TestContext.Current.CancellationToken);
    }

    public void Dispose() => stop.Dispose();

    private ValueTask Change(IReadOnlyList<TopicPartition> partitions, bool add)
    {
        lock (gate)
        {
            foreach (var partition in partitions)
            {
                _ = add ? owned.Add(partition.Partition.Value) : owned.Remove(partition.Partition.Value);
            }
        }

        return ValueTask.CompletedTask;
    }
}
