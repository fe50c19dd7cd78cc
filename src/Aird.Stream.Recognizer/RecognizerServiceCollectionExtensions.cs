using Aird.Stream.Messaging;
using Aird.Stream.Models.Runtime;
using Aird.Stream.Storage;
using Aird.Stream.Storage.FaceBn;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aird.Stream.Recognizer;

public static class RecognizerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the recognizer role: <see cref="RecognizerOptions"/> (section <c>Recognizer</c>, checked when the
    /// host starts), Kafka (<c>Kafka</c>), PostgreSQL (<c>Postgres</c>), <see cref="FaceBnStateStore"/>,
    /// <see cref="RecognizerMetrics"/> and the hosted <see cref="RecognizerWorker"/>.
    /// </summary>
    public static IServiceCollection AddAirdRecognizer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddAirdKafka(configuration);
        services.AddAirdStorage(configuration);
        services.AddOptions<RecognizerOptions>()
            .Bind(configuration.GetSection(RecognizerOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Model), "Recognizer:Model must name the ONNX embedder.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.GroupId), "Recognizer:GroupId must name the consumer group.")
            .Validate(o => o.Consumers >= 1 && o.MaxBatchSize >= 1, "Recognizer:Consumers and Recognizer:MaxBatchSize must be at least 1.")
            .Validate(o => o.MaxWaitMs >= 0 && o.IntraOpThreads >= 0, "Recognizer:MaxWaitMs and Recognizer:IntraOpThreads must not be negative.")
            .Validate(o => o.SaveEveryFaces >= 1 && o.SaveEveryMs >= 1, "Recognizer:SaveEveryFaces and Recognizer:SaveEveryMs must be positive.")
            .ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OnnxSessionFactory>();
        services.TryAddSingleton<FaceBnStateStore>();
        services.TryAddSingleton<RecognizerMetrics>();
        services.AddHostedService<RecognizerWorker>();
        return services;
    }
}
