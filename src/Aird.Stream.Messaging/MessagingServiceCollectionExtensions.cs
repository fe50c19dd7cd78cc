using Aird.Stream.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aird.Stream.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="KafkaOptions"/> (section <c>Kafka</c>), <see cref="TopicOptions"/> (<c>Kafka:Topics</c>),
    /// <see cref="MessagingMetrics"/>, a singleton <see cref="KafkaProducer{T}"/> per message type and
    /// <see cref="KafkaConsumerLoop{T}"/>. Invalid settings fail when the host starts.
    /// </summary>
    public static IServiceCollection AddAirdKafka(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<KafkaOptions>()
            .Bind(configuration.GetSection(KafkaOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.BootstrapServers), "Kafka:BootstrapServers must list at least one host:port.")
            .Validate(o => o.HandlerMaxAttempts >= 1, "Kafka:HandlerMaxAttempts must be at least 1.")
            .Validate(o => o.CommitBatchSize >= 1 && o.CommitIntervalMs >= 1, "Kafka:CommitBatchSize and Kafka:CommitIntervalMs must be positive.")
            .Validate(o => o.RetryBackoffMs >= 0 && o.RetryBackoffMaxMs >= o.RetryBackoffMs, "Kafka:RetryBackoffMs must be between 0 and Kafka:RetryBackoffMaxMs.")
            .Validate(o => o.StartupTimeoutMs >= 1 && o.MessageTimeoutMs >= 1, "Kafka:StartupTimeoutMs and Kafka:MessageTimeoutMs must be positive.")
            .ValidateOnStart();
        services.AddOptions<TopicOptions>()
            .Bind(configuration.GetSection(TopicOptions.SectionName))
            .Validate(
                o => new[] { o.Crops, o.Embeddings, o.Alerts, o.DeadLetters }.All(name => !string.IsNullOrWhiteSpace(name)),
                "Kafka:Topics:Crops, Embeddings, Alerts and DeadLetters must all be named.")
            .ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton<MessagingMetrics>();
        services.TryAddSingleton(typeof(KafkaProducer<>));
        services.TryAddTransient(typeof(KafkaConsumerLoop<>));
        return services;
    }
}
