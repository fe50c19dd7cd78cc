using Confluent.Kafka;

namespace Aird.Stream.Messaging;

/// <summary>Translates <see cref="KafkaOptions"/> into librdkafka client configurations.</summary>
internal static class KafkaClientConfigs
{
    public static ProducerConfig Producer(KafkaOptions options)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = options.ClientId,

            // Retries after a lost acknowledgement must not write a message twice or reorder a camera's messages.
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = options.LingerMs,
            BatchSize = options.BatchSize,
            CompressionType = options.CompressionType,
            MessageTimeoutMs = options.MessageTimeoutMs,

            // The Java client's partitioner: a camera's messages land on the same partition whichever client wrote them.
            Partitioner = Partitioner.Murmur2Random,
        };
        return WithProperties(config, options);
    }

    public static ConsumerConfig Consumer(KafkaOptions options, string groupId)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = options.ClientId,
            GroupId = groupId,

            // Offsets are committed by the loop, and only for messages it has finished.
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = options.AutoOffsetReset,
            SessionTimeoutMs = options.SessionTimeoutMs,
            HeartbeatIntervalMs = options.HeartbeatIntervalMs,
            MaxPollIntervalMs = options.MaxPollIntervalMs,
        };
        return WithProperties(config, options);
    }

    private static T WithProperties<T>(T config, KafkaOptions options)
        where T : ClientConfig
    {
        foreach (var (name, value) in options.Properties)
        {
            config.Set(name, value);
        }

        return config;
    }
}
