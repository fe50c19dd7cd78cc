using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Aird.Stream.Messaging;

/// <summary>The messaging layer's log messages. Payloads are never logged: crops are images, embeddings biometric data.</summary>
internal static partial class MessagingLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka client {Client} error {Code}: {Reason}")]
    public static partial void ClientError(ILogger logger, string client, ErrorCode code, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Kafka client {Client} fatal error {Code}: {Reason}")]
    public static partial void ClientFatal(ILogger logger, string client, ErrorCode code, string reason);

    [LoggerMessage(Message = "librdkafka {Client} {Facility}: {Text}")]
    public static partial void Librdkafka(ILogger logger, LogLevel level, string client, string facility, string text);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message to {Topic} not delivered: {Reason}")]
    public static partial void DeliveryFailed(ILogger logger, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} message(s) still undelivered when the producer closed")]
    public static partial void Undelivered(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer of {Topic} in group {Group} started")]
    public static partial void ConsumerStarted(ILogger logger, string topic, string group);

    [LoggerMessage(Level = LogLevel.Information, Message = "Consumer of {Topic} in group {Group} stopped")]
    public static partial void ConsumerStopped(ILogger logger, string topic, string group);

    [LoggerMessage(Level = LogLevel.Information, Message = "Group {Group} assigned {Partitions}")]
    public static partial void Assigned(ILogger logger, string group, IEnumerable<TopicPartition> partitions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Group {Group} revoked {Partitions}")]
    public static partial void Revoked(ILogger logger, string group, IEnumerable<TopicPartition> partitions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Group {Group} lost {Partitions}; their unfinished and uncommitted messages go to the new owner")]
    public static partial void Lost(ILogger logger, string group, IEnumerable<TopicPartition> partitions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consume error on {Topic}: {Reason}")]
    public static partial void ConsumeError(ILogger logger, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handler failed for {Source} (attempt {Attempt} of {MaxAttempts})")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, TopicPartitionOffset source, int attempt, int maxAttempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch handler failed for {Count} message(s) from {First} to {Last}; handling them one at a time")]
    public static partial void BatchFailed(ILogger logger, Exception exception, int count, TopicPartitionOffset first, TopicPartitionOffset last);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dead-lettered {Source} to {DeadLetterTopic}: {Reason}")]
    public static partial void DeadLettered(ILogger logger, TopicPartitionOffset source, string deadLetterTopic, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Commit of {Offsets} failed; unless a later commit covers them, those messages will be delivered again")]
    public static partial void CommitFailed(ILogger logger, Exception exception, IEnumerable<TopicPartitionOffset> offsets);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing the consumer of {Topic} failed")]
    public static partial void CloseFailed(ILogger logger, Exception exception, string topic);
}
