using Aird.Stream.Storage.Migrations;
using Aird.Stream.Storage.Sightings;
using Aird.Stream.Storage.Watchlists;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Aird.Stream.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PostgresOptions"/> (section <c>Postgres</c>), the shared <see cref="NpgsqlDataSource"/>,
    /// <see cref="MigrationRunner"/>, <see cref="SightingStore"/> and <see cref="WatchlistStore"/>. The options are checked when the data source is
    /// first resolved (<see cref="OptionsValidationException"/>).
    /// </summary>
    public static IServiceCollection AddAirdStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PostgresOptions>().Bind(configuration.GetSection(PostgresOptions.SectionName));
        services.TryAddSingleton(provider => PostgresDataSource.Create(
            provider.GetRequiredService<IOptions<PostgresOptions>>().Value, provider.GetService<ILoggerFactory>()));
        services.TryAddSingleton<MigrationRunner>();
        services.TryAddSingleton<SightingStore>();
        services.TryAddSingleton<WatchlistStore>();
        return services;
    }
}
