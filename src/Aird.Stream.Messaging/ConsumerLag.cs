using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Confluent.Kafka;

namespace Aird.Stream.Messaging;

/// <summary>
/// The last known lag of one consumer's partitions. The consumer thread refreshes it from librdkafka's cached
/// watermarks (no network round trip); the metrics thread only reads this snapshot, never the consumer.
/// </summary>
internal sealed class ConsumerLag(string groupId)
{
    private readonly ConcurrentDictionary<TopicPartition, long> lags = new();

    public void Refresh<TKey, TValue>(IConsumer<TKey, TValue> consumer)
    {
        foreach (var partition in consumer.Assignment)
        {
            var position = consumer.Position(partition);
            var high = consumer.GetWatermarkOffsets(partition).High;
            if (position != Offset.Unset && high != Offset.Unset)
            {
                lags[partition] = Math.Max(0, high.Value - position.Value);
            }
        }
    }

    public void Forget(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            lags.TryRemove(partition, out _);
        }
    }

    public IEnumerable<Measurement<long>> Measurements() =>
        lags.Select(entry => new Measurement<long>(
            entry.Value,
            new KeyValuePair<string, object?>("topic", entry.Key.Topic),
            new KeyValuePair<string, object?>("partition", entry.Key.Partition.Value),
            new KeyValuePair<string, object?>("group", groupId)));
}
