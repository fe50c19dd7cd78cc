using Confluent.Kafka;

namespace Aird.Stream.Cli.Tests;

public class DevKafkaCommandTests
{
    [Fact]
    public async Task The_broker_serves_clients_over_tcp_and_stops_cleanly_on_ctrl_c()
    {
        await using var aird = AirdProcess.Start("dev-kafka", "--brokers", "2", "--topic", "cli.check:3");
        var bootstrap = await aird.ReadLineAsync(TimeSpan.FromSeconds(30));
        if (string.IsNullOrEmpty(bootstrap))
        {
            Assert.Fail($"aird dev-kafka printed no bootstrap servers: {await aird.StderrAsync()}");
        }

        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap }).Build())
        {
            for (var i = 0; i < 30; i++)
            {
                await producer.ProduceAsync("cli.check", new Message<string, string> { Key = $"cam-{i % 5}", Value = $"m{i}" }, TestContext.Current.CancellationToken);
            }
        }

        var received = new List<string>();
        using (var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "cli-check",
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build())
        {
            consumer.Subscribe("cli.check");
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (received.Count < 30 && DateTime.UtcNow < deadline)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
                {
                    received.Add(result.Message.Value);
                }
            }

            Assert.Equal(3, consumer.Assignment.Count);
            consumer.Close();
        }

        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"m{i}").Order(), received.Order());
        await aird.InterruptAsync();
        Assert.Equal(0, await aird.WaitForExitAsync(TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task A_malformed_topic_spec_is_refused()
    {
        var (exitCode, _, stderr) = await AirdProcess.RunAsync("dev-kafka", "--topic", "crops:0");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("NAME:PARTITIONS", stderr, StringComparison.Ordinal);
    }
}
