using System.Net.Sockets;
using Aird.Stream.Messaging.DevBroker;
using Aird.Stream.Messaging.Tests.Brokers;
using Aird.Stream.Messaging.Tests.Support;
using Confluent.Kafka;

namespace Aird.Stream.Messaging.Tests;

/// <summary>The development broker itself: listeners, topics, fault injection.</summary>
public sealed class MockKafkaClusterTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_broker_listens_on_localhost_tcp_until_the_cluster_is_disposed()
    {
        string[] endpoints;
        using (var cluster = new MockKafkaCluster(brokerCount: 3))
        {
            endpoints = cluster.BootstrapServers.Split(',');
            Assert.Equal(3, endpoints.Length);
            foreach (var endpoint in endpoints)
            {
                using var client = new TcpClient();
                await client.ConnectAsync(Host(endpoint), Port(endpoint), Cancellation);
            }
        }

        foreach (var endpoint in endpoints)
        {
            using var client = new TcpClient();
            await Assert.ThrowsAnyAsync<SocketException>(async () => await client.ConnectAsync(Host(endpoint), Port(endpoint), Cancellation));
        }
    }

    [Fact]
    public void Topics_get_the_partition_count_they_are_created_with()
    {
        using var cluster = new MockKafkaCluster();
        cluster.CreateTopic("cameras", partitions: 6);

        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "probe" }).Build();
        consumer.QueryWatermarkOffsets(new TopicPartition("cameras", 5), TimeSpan.FromSeconds(10));
        var beyond = Assert.Throws<KafkaException>(() => consumer.QueryWatermarkOffsets(new TopicPartition("cameras", 6), TimeSpan.FromSeconds(10)));
        Assert.Equal(ErrorCode.Local_UnknownPartition, beyond.Error.Code);
    }

    [Fact]
    public void Creating_a_topic_twice_or_with_more_replicas_than_brokers_is_a_clear_error()
    {
        using var cluster = new MockKafkaCluster(brokerCount: 2);
        cluster.CreateTopic("alerts", partitions: 1, replicationFactor: 2);

        var twice = Assert.Throws<InvalidOperationException>(() => cluster.CreateTopic("alerts", partitions: 1));
        Assert.Contains("'alerts'", twice.Message, StringComparison.Ordinal);
        Assert.Contains("already exists", twice.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.CreateTopic("dlq", partitions: 1, replicationFactor: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.CreateTopic("dlq", partitions: 0));
    }

    [Fact]
    public async Task An_idempotent_producer_rides_out_a_broker_outage_without_losing_or_duplicating_the_message()
    {
        using var broker = new MockBrokerFixture();
        await using var harness = await MessagingHarness.CreateAsync(broker);
        await broker.CreateTopicAsync("crops", 1);

        broker.Cluster.SetBrokerDown(1);
        var delivery = harness.Crops.ProduceAsync("crops", "cam-1", Crops.Create("cam-1", 0), Cancellation);
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        Assert.False(delivery.IsCompleted, "delivered while the only broker was down");
        broker.Cluster.SetBrokerUp(1);
        var delivered = await delivery.WaitAsync(TimeSpan.FromSeconds(15), Cancellation);

        Assert.Equal(0, delivered.Offset.Value);
        Assert.Equal([1L], harness.HighWatermarks("crops", 1));
    }

    [Fact]
    public void A_disposed_cluster_refuses_further_use()
    {
        var cluster = new MockKafkaCluster();
        cluster.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cluster.CreateTopic("late", 1));
    }

    private static string Host(string endpoint) => endpoint[..endpoint.LastIndexOf(':')];

    private static int Port(string endpoint) => int.Parse(endpoint[(endpoint.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}
