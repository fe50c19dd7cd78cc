using Confluent.Kafka;

namespace Aird.Stream.Messaging;

/// <summary>One parsed message as a <see cref="KafkaConsumerLoop{T}"/> hands it to its handler.</summary>
/// <param name="Key">The message key (the camera id on the pipeline's topics).</param>
/// <param name="Source">Where the message was read; the natural key of the delivery.</param>
public sealed record ConsumedMessage<T>(string Key, T Message, TopicPartitionOffset Source, DateTimeOffset Timestamp);
