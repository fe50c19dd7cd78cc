using Aird.Stream.Messaging.DevBroker;

namespace Aird.Stream.Messaging.Tests.Brokers;

/// <summary>librdkafka's mock cluster, hosted in the test process and reached over localhost TCP.</summary>
public sealed class MockBrokerFixture : IKafkaTestBroker, IDisposable
{
    public MockKafkaCluster Cluster { get; } = new(brokerCount: 1);

    public string BootstrapServers => Cluster.BootstrapServers;

    public Task CreateTopicAsync(string topic, int partitions)
    {
        Cluster.CreateTopic(topic, partitions);
        return Task.CompletedTask;
    }

    /// <summary>The mock re-forms a classic group only after the session timeout: keep it short.</summary>
    public void Configure(IDictionary<string, string?> settings)
    {
        settings["Kafka:SessionTimeoutMs"] = "1500";
        settings["Kafka:HeartbeatIntervalMs"] = "300";
    }

    public void Dispose() => Cluster.Dispose();
}
