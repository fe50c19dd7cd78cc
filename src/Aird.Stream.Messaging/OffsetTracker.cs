using Confluent.Kafka;

namespace Aird.Stream.Messaging;

/// <summary>
/// Offsets of finished messages not yet committed, per partition. A consumer loop finishes messages strictly in the
/// order it reads them, so "next offset after the last finished message" never skips an unfinished one.
/// Used by that consumer's thread only (rebalance callbacks run on it too), hence no locking.
/// </summary>
internal sealed class OffsetTracker(int batchSize, TimeSpan interval, TimeProvider time)
{
    private readonly Dictionary<TopicPartition, Offset> pending = [];
    private int finishedSinceCommit;
    private long lastCommit = time.GetTimestamp();

    public void Finished(TopicPartitionOffset message)
    {
        pending[message.TopicPartition] = message.Offset + 1;
        finishedSinceCommit++;
    }

    public bool CommitDue =>
        finishedSinceCommit >= batchSize || (pending.Count > 0 && time.GetElapsedTime(lastCommit) >= interval);

    /// <summary>Removes and returns every pending offset, to be committed now.</summary>
    public List<TopicPartitionOffset> TakeAll()
    {
        var offsets = pending.Select(entry => new TopicPartitionOffset(entry.Key, entry.Value)).ToList();
        pending.Clear();
        finishedSinceCommit = 0;
        lastCommit = time.GetTimestamp();
        return offsets;
    }

    /// <summary>Puts back offsets whose commit failed, unless a later message of the same partition finished meanwhile.</summary>
    public void Restore(IEnumerable<TopicPartitionOffset> uncommitted)
    {
        foreach (var offset in uncommitted)
        {
            pending.TryAdd(offset.TopicPartition, offset.Offset);
        }
    }

    /// <summary>Removes and returns the pending offsets of <paramref name="partitions"/>.</summary>
    public List<TopicPartitionOffset> Take(IEnumerable<TopicPartition> partitions)
    {
        var offsets = new List<TopicPartitionOffset>();
        foreach (var partition in partitions)
        {
            if (pending.Remove(partition, out var offset))
            {
                offsets.Add(new TopicPartitionOffset(partition, offset));
            }
        }

        return offsets;
    }
}
