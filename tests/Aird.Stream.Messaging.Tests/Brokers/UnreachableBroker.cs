using System.Net;
using System.Net.Sockets;

namespace Aird.Stream.Messaging.Tests.Brokers;

/// <summary>An address where no broker listens: a localhost port that was just free.</summary>
public sealed class UnreachableBroker : IKafkaTestBroker
{
    public UnreachableBroker()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        BootstrapServers = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();
    }

    public string BootstrapServers { get; }

    /// <summary>There is nothing to create topics on.</summary>
    public Task CreateTopicAsync(string topic, int partitions) => Task.CompletedTask;

    public void Configure(IDictionary<string, string?> settings)
    {
        settings["Kafka:StartupTimeoutMs"] = "2000";
        settings["Kafka:MessageTimeoutMs"] = "2000";
    }
}
