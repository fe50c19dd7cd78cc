using System.Text;
using Aird.Stream.Contracts;
using Confluent.Kafka;
using Google.Protobuf;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Aird.Stream.Messaging;

/// <summary>What a dead letter says about the message it carries: the original bytes, where they came from, and why.</summary>
internal static class DeadLetters
{
    public static DeadLetter Describe(ConsumeResult<byte[], byte[]> result, string reason, Exception cause, string group, DateTimeOffset failedAt) => new()
    {
        SchemaVersion = SchemaVersions.Current,
        SourceTopic = result.Topic,
        SourcePartition = result.Partition.Value,
        SourceOffset = result.Offset.Value,
        Key = ByteString.CopyFrom(result.Message.Key ?? []),
        Payload = ByteString.CopyFrom(result.Message.Value ?? []),
        Reason = reason,
        ErrorType = cause.GetType().FullName ?? cause.GetType().Name,
        ConsumerGroup = group,
        FailedAt = Timestamp.FromDateTimeOffset(failedAt),
    };

    /// <summary>The key as text (camera ids are); bytes that are not UTF-8 still travel intact in <see cref="DeadLetter.Key"/>.</summary>
    public static string KeyOf(ConsumeResult<byte[], byte[]> result) =>
        result.Message.Key is { } key ? Encoding.UTF8.GetString(key) : string.Empty;
}
