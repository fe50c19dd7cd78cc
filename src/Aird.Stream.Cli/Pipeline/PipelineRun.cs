using Aird.Stream.Cli.Commands;
using Aird.Stream.Messaging;
using Aird.Stream.Messaging.DevBroker;
using Aird.Stream.Storage.Migrations;
using Aird.Stream.Video;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Cli.Pipeline;

/// <summary>
/// All three roles in one host, as <c>aird run</c>, <c>aird demo</c> and <c>aird bench pipeline</c> use them: the
/// in-process Kafka-protocol broker with the pipeline's topics unless Kafka:BootstrapServers is set, the database
/// migrated before the roles start, an <see cref="AlertPrinter"/>, and optionally a <see cref="DrainWatcher"/> that
/// stops the host once every file camera ended and everything in flight was handled.
/// </summary>
internal static class PipelineRun
{
    private const string BootstrapServersKey = $"{KafkaOptions.SectionName}:{nameof(KafkaOptions.BootstrapServers)}";

    /// <summary>Runs the pipeline until it drained (with <see cref="PipelineRunOptions.StopWhenDrained"/>) or
    /// <paramref name="cancellationToken"/> is cancelled (Ctrl+C), then counts what it did.</summary>
    /// <exception cref="PipelineSetupException">No cameras are configured.</exception>
    /// <exception cref="Storage.DatabaseUnavailableException">PostgreSQL cannot be reached.</exception>
    /// <exception cref="MigrationException">The schema cannot be brought up to date.</exception>
    public static async Task<PipelineRunResult> RunAsync(
        HostApplicationBuilder builder, PipelineRunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        using var broker = StartBrokerUnlessConfigured(builder.Configuration);
        PipelineRoles.AddAll(builder);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<PipelineRunClock>();
        builder.Services.AddSingleton<AlertLog>();
        builder.Services.AddSingleton<SubjectDirectory>();
        builder.Services.AddSingleton<RunSightings>();
        builder.Services.AddSingleton<PipelineCounters>();
        builder.Services.AddHostedService<AlertPrinter>();
        if (options.StopWhenDrained)
        {
            builder.Services.AddSingleton<DrainWatcher>();
            builder.Services.AddHostedService(provider => provider.GetRequiredService<DrainWatcher>());
        }

        using var host = builder.Build();
        var cameraIds = host.Services.GetRequiredService<IOptions<CamerasOptions>>().Value.Items
            .Where(c => c.Enabled).Select(c => c.Id).ToList();
        if (cameraIds.Count == 0)
        {
            throw new PipelineSetupException(
                "no cameras: set Cameras:Items (e.g. --Cameras:Items:0:Id=door --Cameras:Items:0:Url=clip.mp4) or Ingest:CamerasFile.");
        }

        await host.Services.GetRequiredService<MigrationRunner>().MigrateAsync(cancellationToken);
        var counters = host.Services.GetRequiredService<PipelineCounters>();
        var clock = host.Services.GetRequiredService<PipelineRunClock>();
        // Not RunAsync: it disposes the host, whose database the summary still reads.
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C while starting: stopped below like any other run, and summarised.
        }

        await host.WaitForShutdownAsync(cancellationToken);

        // The summary is read after Ctrl+C too: its own short deadline instead of the cancelled token.
        using var summaryDeadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var sightings = await host.Services.GetRequiredService<RunSightings>().CountAsync(cameraIds, clock.Started, summaryDeadline.Token);
        return new PipelineRunResult(
            cameraIds,
            counters.Snapshot(),
            sightings,
            host.Services.GetRequiredService<AlertLog>().Alerts,
            clock.Now - clock.Started,
            options.StopWhenDrained ? host.Services.GetRequiredService<DrainWatcher>().Outcome : DrainState.Running);
    }

    /// <summary>The development broker, listening before any role starts and named in Kafka:BootstrapServers;
    /// null when the settings name a cluster.</summary>
    private static MockKafkaCluster? StartBrokerUnlessConfigured(ConfigurationManager configuration)
    {
        if (!string.IsNullOrWhiteSpace(configuration[BootstrapServersKey]))
        {
            return null;
        }

        var topics = new TopicOptions();
        configuration.GetSection(TopicOptions.SectionName).Bind(topics);
        var broker = DevKafkaCommand.StartCluster(1, DevKafkaCommand.PipelineTopics(topics));
        configuration.AddInMemoryCollection([new(BootstrapServersKey, broker.BootstrapServers)]);
        return broker;
    }
}
