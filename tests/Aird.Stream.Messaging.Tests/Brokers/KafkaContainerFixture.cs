using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Testcontainers.Kafka;

namespace Aird.Stream.Messaging.Tests.Brokers;

/// <summary>Apache Kafka in a container, where a Docker engine answers; otherwise it says why it cannot exist.</summary>
public sealed class KafkaContainerFixture : IKafkaTestBroker, IAsyncLifetime
{
    private KafkaContainer? container;

    /// <summary>Set when no Docker engine answered: the tests skip with this reason.</summary>
    public string? UnavailableReason { get; private set; }

    public string BootstrapServers => container?.GetBootstrapAddress()
        ?? throw new InvalidOperationException(UnavailableReason);

    public async ValueTask InitializeAsync()
    {
        UnavailableReason = await DockerEngine.FindUnavailableReasonAsync(TestContext.Current.CancellationToken);
        if (UnavailableReason is null)
        {
            container = new KafkaBuilder("confluentinc/cp-kafka:7.5.12").Build();
            await container.StartAsync(TestContext.Current.CancellationToken);
        }
    }

    public async Task CreateTopicAsync(string topic, int partitions)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();
        await admin.CreateTopicsAsync([new TopicSpecification { Name = topic, NumPartitions = partitions, ReplicationFactor = 1 }]);
    }

    /// <summary>Kafka refuses session timeouts below group.min.session.timeout.ms (6 s by default).</summary>
    public void Configure(IDictionary<string, string?> settings)
    {
        settings["Kafka:SessionTimeoutMs"] = "6000";
        settings["Kafka:HeartbeatIntervalMs"] = "1000";
    }

    public async ValueTask DisposeAsync()
    {
        if (container is not null)
        {
            await container.DisposeAsync();
        }
    }
}
