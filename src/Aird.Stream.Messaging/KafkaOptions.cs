using Confluent.Kafka;

namespace Aird.Stream.Messaging;

/// <summary>How every Kafka client of this process connects, batches, consumes and retries. Section <c>Kafka</c>.</summary>
public sealed class KafkaOptions
{
    public const string SectionName = "Kafka";

    /// <summary>Comma-separated <c>host:port</c> list (<c>bootstrap.servers</c>).</summary>
    public string BootstrapServers { get; set; } = "127.0.0.1:9092";

    public string ClientId { get; set; } = "aird";

    // Producer: batching trades a few milliseconds of latency for far fewer requests.
    public int LingerMs { get; set; } = 5;

    /// <summary>Upper bound of one batch in bytes (<c>batch.size</c>).</summary>
    public int BatchSize { get; set; } = 1_000_000;

    public CompressionType CompressionType { get; set; } = CompressionType.Lz4;

    /// <summary>
    /// How long the producer keeps trying to deliver a message (<c>message.timeout.ms</c>); an unreachable Kafka
    /// surfaces as <see cref="KafkaUnavailableException"/> after this time.
    /// </summary>
    public int MessageTimeoutMs { get; set; } = 30_000;

    // Consumer.

    /// <summary>
    /// How long the group waits for a silent member before handing its partitions to others (classic protocol).
    /// Also how long a member that crashed keeps its partitions.
    /// </summary>
    public int SessionTimeoutMs { get; set; } = 10_000;

    public int HeartbeatIntervalMs { get; set; } = 3_000;

    /// <summary>Longest time one message or batch may take (handler, retries, dead-lettering) before the member is evicted.</summary>
    public int MaxPollIntervalMs { get; set; } = 300_000;

    /// <summary>Where a group without a committed offset starts.</summary>
    public AutoOffsetReset AutoOffsetReset { get; set; } = AutoOffsetReset.Earliest;

    /// <summary>How long a consumer loop waits for Kafka to serve its topic before failing with <see cref="KafkaUnavailableException"/>.</summary>
    public int StartupTimeoutMs { get; set; } = 30_000;

    /// <summary>Finished offsets are committed at least this often...</summary>
    public int CommitIntervalMs { get; set; } = 1_000;

    /// <summary>...and as soon as this many messages have finished since the last commit.</summary>
    public int CommitBatchSize { get; set; } = 1_000;

    /// <summary>How many times a handler is called for one message before the message is dead-lettered.</summary>
    public int HandlerMaxAttempts { get; set; } = 3;

    /// <summary>Wait before the second attempt; it doubles with every further attempt up to <see cref="RetryBackoffMaxMs"/>.</summary>
    public int RetryBackoffMs { get; set; } = 200;

    public int RetryBackoffMaxMs { get; set; } = 5_000;

    /// <summary>Further librdkafka properties (e.g. <c>security.protocol</c>, <c>sasl.*</c>), applied last to every client.</summary>
    public Dictionary<string, string> Properties { get; } = new(StringComparer.Ordinal);
}
