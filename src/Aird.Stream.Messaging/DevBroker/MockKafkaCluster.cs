using System.Runtime.InteropServices;

namespace Aird.Stream.Messaging.DevBroker;

/// <summary>
/// A Kafka-protocol broker for development and tests: librdkafka's mock cluster, hosted in this process and serving
/// any Kafka client over localhost TCP. The brokers listen on ports the kernel picks (librdkafka offers no way to
/// choose them); read them from <see cref="BootstrapServers"/>. No persistence, no Admin API, about 5 MiB retained
/// per partition: production runs on Apache Kafka.
/// </summary>
public sealed class MockKafkaCluster : IDisposable
{
    private readonly MockClusterHandle cluster;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="brokerCount"/> is below 1.</exception>
    /// <exception cref="InvalidOperationException">librdkafka could not create the cluster.</exception>
    public MockKafkaCluster(int brokerCount = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        BrokerCount = brokerCount;
        cluster = MockClusterHandle.Create(brokerCount);

        // Kafka's default of 3 s only helps big groups form in one go. It also starves classic members whose session
        // timeout is shorter (their first join is never answered), a trap with the short timeouts tests use.
        Librdkafka.rd_kafka_mock_group_initial_rebalance_delay_ms(cluster.DangerousGetHandle(), 0);
        BootstrapServers = Marshal.PtrToStringUTF8(Librdkafka.rd_kafka_mock_cluster_bootstraps(cluster.DangerousGetHandle()))
            ?? throw new InvalidOperationException("librdkafka returned no bootstrap servers for the mock cluster.");
    }

    /// <summary>Comma-separated <c>host:port</c> list of every broker, for a client's <c>bootstrap.servers</c>.</summary>
    public string BootstrapServers { get; }

    public int BrokerCount { get; }

    /// <summary>Creates <paramref name="topic"/> with an explicit partition count (clients would auto-create 4).</summary>
    /// <exception cref="InvalidOperationException">The topic exists already or the arguments are out of range.</exception>
    public void CreateTopic(string topic, int partitions, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicationFactor, BrokerCount);
        Check(
            Librdkafka.rd_kafka_mock_topic_create(Handle(), topic, partitions, replicationFactor),
            $"create topic '{topic}' with {partitions} partition(s)");
    }

    /// <summary>Disconnects broker <paramref name="brokerId"/> (1-based) and refuses new connections until <see cref="SetBrokerUp"/>.</summary>
    public void SetBrokerDown(int brokerId) =>
        Check(Librdkafka.rd_kafka_mock_broker_set_down(Handle(), brokerId), $"take broker {brokerId} down");

    public void SetBrokerUp(int brokerId) =>
        Check(Librdkafka.rd_kafka_mock_broker_set_up(Handle(), brokerId), $"bring broker {brokerId} up");

    public void Dispose() => cluster.Dispose();

    private IntPtr Handle()
    {
        ObjectDisposedException.ThrowIf(cluster.IsClosed, this);
        return cluster.DangerousGetHandle();
    }

    private static void Check(int error, string action)
    {
        if (error != Librdkafka.NoError)
        {
            throw new InvalidOperationException($"Mock Kafka cluster could not {action}: {Librdkafka.ErrorText(error)}");
        }
    }
}
