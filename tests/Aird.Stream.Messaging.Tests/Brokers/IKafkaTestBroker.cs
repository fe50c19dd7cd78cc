namespace Aird.Stream.Messaging.Tests.Brokers;

/// <summary>A Kafka-protocol broker the shared messaging tests run against.</summary>
public interface IKafkaTestBroker
{
    string BootstrapServers { get; }

    Task CreateTopicAsync(string topic, int partitions);

    /// <summary>Consumer timings this broker accepts and that keep the tests fast.</summary>
    void Configure(IDictionary<string, string?> settings);
}
