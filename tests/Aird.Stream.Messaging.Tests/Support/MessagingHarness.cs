using Aird.Stream.Contracts;
using Aird.Stream.Messaging.Tests.Brokers;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Messaging.Tests.Support;

/// <summary>
/// The messaging layer wired as a host would (AddAirdKafka over configuration) against one broker, with a dead-letter
/// topic of its own, plus plain Confluent.Kafka clients to look behind the layer's back.
/// </summary>
public sealed class MessagingHarness : IAsyncDisposable
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(10);
    private readonly ServiceProvider provider;

    private MessagingHarness(ServiceProvider provider, LogCapture logs, string deadLetterTopic)
    {
        this.provider = provider;
        Logs = logs;
        DeadLetterTopic = deadLetterTopic;
    }

    public LogCapture Logs { get; }

    public string DeadLetterTopic { get; }

    public KafkaOptions Options => provider.GetRequiredService<IOptions<KafkaOptions>>().Value;

    public KafkaProducer<FaceCrop> Crops => provider.GetRequiredService<KafkaProducer<FaceCrop>>();

    public static async Task<MessagingHarness> CreateAsync(IKafkaTestBroker broker, IDictionary<string, string?>? overrides = null)
    {
        var deadLetterTopic = UniqueName("dlq");
        await broker.CreateTopicAsync(deadLetterTopic, 1);
        var settings = new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = broker.BootstrapServers,
            ["Kafka:ClientId"] = "aird-tests",
            ["Kafka:Topics:DeadLetters"] = deadLetterTopic,
            ["Kafka:MessageTimeoutMs"] = "10000",
            ["Kafka:StartupTimeoutMs"] = "10000",
            ["Kafka:CommitIntervalMs"] = "200",
            ["Kafka:RetryBackoffMs"] = "10",
        };
        broker.Configure(settings);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var logs = new LogCapture();
        var services = new ServiceCollection()
            .AddAirdKafka(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddSingleton(logs)
            .AddSingleton(typeof(ILogger<>), typeof(CapturedLogger<>));
        return new MessagingHarness(services.BuildServiceProvider(validateScopes: true), logs, deadLetterTopic);
    }

    public static string UniqueName(string prefix) => $"{prefix}.{Guid.NewGuid():N}";

    /// <summary>A fresh loop, as a worker would resolve it.</summary>
    public KafkaConsumerLoop<FaceCrop> CreateLoop() => provider.GetRequiredService<KafkaConsumerLoop<FaceCrop>>();

    /// <summary>A plain consumer with the very settings the loop uses.</summary>
    public IConsumer<byte[], byte[]> CreateRawConsumer(string group) =>
        new ConsumerBuilder<byte[], byte[]>(KafkaClientConfigs.Consumer(Options, group)).Build();

    /// <summary>Writes bytes the layer would never write (garbage, other schema versions) straight to a topic.</summary>
    public async Task ProduceRawAsync(string topic, string key, byte[]? value)
    {
        using var producer = new ProducerBuilder<string, byte[]?>(new ProducerConfig { BootstrapServers = Options.BootstrapServers }).Build();
        await producer.ProduceAsync(topic, new Message<string, byte[]?> { Key = key, Value = value }, TestContext.Current.CancellationToken);
    }

    /// <summary>Reads the dead-letter topic from its start until <paramref name="count"/> letters are there.</summary>
    public List<DeadLetter> ReadDeadLetters(int count)
    {
        using var consumer = CreateRawConsumer(UniqueName("dlq-reader"));
        consumer.Assign(new TopicPartitionOffset(DeadLetterTopic, 0, Offset.Beginning));
        var letters = new List<DeadLetter>();
        var deadline = DateTime.UtcNow + ClientTimeout;
        while (letters.Count < count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } result)
            {
                letters.Add(DeadLetter.Parser.ParseFrom(result.Message.Value));
            }
        }

        return letters;
    }

    /// <summary>The group's committed offsets of the topic's partitions (-1001 where nothing was committed).</summary>
    public long[] Committed(string group, string topic, int partitions)
    {
        using var consumer = CreateRawConsumer(group);
        var committed = consumer.Committed(
            Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)),
            ClientTimeout);
        return [.. committed.OrderBy(c => c.Partition.Value).Select(c => c.Offset.Value)];
    }

    /// <summary>The end offset of every partition of the topic.</summary>
    public long[] HighWatermarks(string topic, int partitions)
    {
        using var consumer = CreateRawConsumer(UniqueName("watermarks"));
        return [.. Enumerable.Range(0, partitions).Select(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), ClientTimeout).High.Value)];
    }

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
