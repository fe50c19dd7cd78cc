using Aird.Stream.Contracts;
using Aird.Stream.Messaging.Tests.Support;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Messaging.Tests;

/// <summary>AddAirdKafka: settings bound from configuration, invalid settings refused, the layer resolvable.</summary>
public sealed class ServiceRegistrationTests
{
    [Fact]
    public void Settings_come_from_the_Kafka_section_and_topics_default_to_the_pipeline_names()
    {
        using var provider = Build(new()
        {
            ["Kafka:BootstrapServers"] = "kafka-1:9092,kafka-2:9092",
            ["Kafka:LingerMs"] = "20",
            ["Kafka:CompressionType"] = "Zstd",
            ["Kafka:AutoOffsetReset"] = "Latest",
            ["Kafka:Properties:security.protocol"] = "SASL_SSL",
            ["Kafka:Topics:Alerts"] = "site-7.alerts",
        });

        var kafka = provider.GetRequiredService<IOptions<KafkaOptions>>().Value;
        var topics = provider.GetRequiredService<IOptions<TopicOptions>>().Value;
        Assert.Equal("kafka-1:9092,kafka-2:9092", kafka.BootstrapServers);
        Assert.Equal(20, kafka.LingerMs);
        Assert.Equal(CompressionType.Zstd, kafka.CompressionType);
        Assert.Equal("SASL_SSL", KafkaClientConfigs.Consumer(kafka, "matcher").Get("security.protocol"));
        Assert.Equal(AutoOffsetReset.Latest, KafkaClientConfigs.Consumer(kafka, "matcher").AutoOffsetReset);
        Assert.Equal(
            ["aird.faces.crops", "aird.faces.embeddings", "site-7.alerts", "aird.dlq"],
            [topics.Crops, topics.Embeddings, topics.Alerts, topics.DeadLetters]);
    }

    [Theory]
    [InlineData("Kafka:BootstrapServers", " ", "Kafka:BootstrapServers")]
    [InlineData("Kafka:HandlerMaxAttempts", "0", "Kafka:HandlerMaxAttempts")]
    [InlineData("Kafka:Topics:DeadLetters", "", "Kafka:Topics")]
    public void Invalid_settings_are_refused_naming_the_setting(string key, string value, string named)
    {
        using var provider = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() =>
        {
            _ = provider.GetRequiredService<IOptions<KafkaOptions>>().Value;
            _ = provider.GetRequiredService<IOptions<TopicOptions>>().Value;
        });
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_producer_is_resolvable_and_survives_librdkafka_logging_while_it_is_being_built()
    {
        // A consumer-only property makes librdkafka warn from inside the producer's constructor.
        using var provider = Build(new() { ["Kafka:Properties:session.timeout.ms"] = "6000" });

        var producer = provider.GetRequiredService<KafkaProducer<FaceEmbedding>>();

        Assert.Same(producer, provider.GetRequiredService<KafkaProducer<FaceEmbedding>>());
        Assert.NotNull(provider.GetRequiredService<KafkaConsumerLoop<FaceCrop>>());
        Assert.Contains(provider.GetRequiredService<LogCapture>().Entries, e => e.Level == LogLevel.Warning && e.Text.Contains("session.timeout.ms", StringComparison.Ordinal));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddAirdKafka(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddSingleton<LogCapture>()
            .AddSingleton(typeof(ILogger<>), typeof(CapturedLogger<>))
            .BuildServiceProvider();
}
