using Confluent.Kafka;

namespace Aird.Stream.Messaging;

/// <summary>What a <see cref="KafkaConsumerLoop{T}"/> reads, as which group, and whom it tells about partition changes.</summary>
public sealed record KafkaSubscription(string Topic, string GroupId)
{
    /// <summary>Called before the first message of newly assigned partitions is handled (e.g. to load per-camera state).</summary>
    public Func<IReadOnlyList<TopicPartition>, CancellationToken, ValueTask>? OnPartitionsAssigned { get; init; }

    /// <summary>
    /// Called when partitions go away: after the finished offsets of revoked partitions were committed, or, when the
    /// group already gave them to another member (lost), after those offsets were dropped. It gets no cancellation:
    /// it runs during shutdown too (e.g. to save per-camera state).
    /// </summary>
    public Func<IReadOnlyList<TopicPartition>, CancellationToken, ValueTask>? OnPartitionsRevoked { get; init; }
}
