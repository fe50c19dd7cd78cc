using Aird.Stream.Matching.Persistence;
using Aird.Stream.Messaging;
using Aird.Stream.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aird.Stream.Matching;

public static class MatchingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the matcher role: <see cref="MatcherOptions"/> (section <c>Matcher</c>, checked when the host starts),
    /// storage (<c>Postgres</c>) and Kafka (<c>Kafka</c>), the watchlist, subject and alert stores, <see cref="FaceMatcher"/>,
    /// <see cref="MatcherMetrics"/> and the hosted <see cref="MatcherWorker"/>.
    /// </summary>
    public static IServiceCollection AddAirdMatcher(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddAirdStorage(configuration).AddAirdKafka(configuration);
        services.AddOptions<MatcherOptions>()
            .Bind(configuration.GetSection(MatcherOptions.SectionName))
            .Validate(o => !string.IsNullOrWhiteSpace(o.GroupId), "Matcher:GroupId must be set.")
            .Validate(o => o.WatchlistRefreshSeconds is >= 0 and <= 86_400, "Matcher:WatchlistRefreshSeconds must be between 0 and 86400.")
            .Validate(o => o.CandidateFaces is >= 2 and <= PostgresDataSource.MaxEfSearch, "Matcher:CandidateFaces must be between 2 and 1000.")
            .Validate(o => o.TrackIdleSeconds is >= 1 and <= 86_400, "Matcher:TrackIdleSeconds must be between 1 and 86400.")
            .Validate(o => o.MaxBatchSize is >= 1 and <= 10_000, "Matcher:MaxBatchSize must be between 1 and 10000.")
            .Validate(o => o.MaxWaitMs is >= 0 and <= 60_000, "Matcher:MaxWaitMs must be between 0 and 60000.")
            .Validate(o => o.DatabaseRetrySeconds is >= 0 and <= 3_600, "Matcher:DatabaseRetrySeconds must be between 0 and 3600.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<MatcherMetrics>();
        services.TryAddSingleton<WatchlistCatalog>();
        services.TryAddSingleton<SubjectSearch>();
        services.TryAddSingleton<AlertStore>();
        services.TryAddSingleton<FaceMatcher>();
        services.AddHostedService<MatcherWorker>();
        return services;
    }
}
