using Aird.Stream.Contracts;
using Aird.Stream.Messaging;
using Aird.Stream.Models.Runtime;
using Aird.Stream.Storage.FaceBn;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Recognizer;

/// <summary>
/// <c>aird recognize</c>: reads face crops, embeds them in micro-batches with one model session for all cameras,
/// and publishes one embedding per crop, keyed by camera id. At least once: a crop's offset is committed only after
/// its embedding was acknowledged (see <see cref="CropHandler"/>); crops with unusable images are dead-lettered.
/// </summary>
/// <remarks>
/// Each of the <see cref="RecognizerOptions.Consumers"/> consumer loops (members of the group, each owning some
/// partitions) hands over batches of up to <see cref="RecognizerOptions.MaxBatchSize"/> crops, which go into one
/// micro-batcher as a group; with several loops their groups share inferences. A batch with an unusable crop is
/// handled again crop by crop, and the bad crop is dead-lettered alone. Per-camera FaceBN state is loaded on a
/// camera's first crop, saved periodically, on revocation of its partition and at shutdown.
/// </remarks>
public sealed class RecognizerWorker(
    IOptions<RecognizerOptions> options,
    IOptions<TopicOptions> topics,
    KafkaConsumerLoop<FaceCrop> consumers,
    KafkaProducer<FaceEmbedding> embeddings,
    OnnxSessionFactory sessions,
    FaceBnStateStore states,
    RecognizerMetrics metrics,
    TimeProvider time,
    ILogger<RecognizerWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var topicNames = topics.Value;

        // Opening a model takes a while: off the host's start-up path.
        await Task.Yield();
        using var embedder = CropEmbedders.Open(settings, sessions, states, time, logger);
        var limits = new ConsumerBatchLimits(settings.MaxBatchSize, TimeSpan.FromMilliseconds(settings.MaxWaitMs));

        // One loop's batch arrives whole, and nothing else could join it: waiting in the batcher too would only delay it.
        var batcher = new MicroBatcher<CropChip, ChipEmbedding>(
            settings.MaxBatchSize, settings.Consumers == 1 ? TimeSpan.Zero : limits.MaxWait, embedder.Embed, metrics.Batch, time);
        var handler = new CropHandler(embedder, batcher, embeddings, topicNames.Embeddings, metrics, time);
        var cameras = embedder.Cameras;
        var subscription = new KafkaSubscription(topicNames.Crops, settings.GroupId)
        {
            OnPartitionsRevoked = (partitions, _) =>
                cameras is null ? ValueTask.CompletedTask : new ValueTask(cameras.ReleaseAsync([.. partitions.Select(p => p.Partition.Value)])),
        };
        RecognizerLog.Started(
            logger, settings.Model, embedder.Version, cameras is not null, embedder.ChipSize, embedder.Provider, settings.Consumers, topicNames.Crops, settings.GroupId, settings.MaxBatchSize, settings.MaxWaitMs);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var loops = Enumerable.Range(0, settings.Consumers).Select(_ => consumers.RunBatchesAsync(subscription, limits, handler.HandleBatchAsync, handler.HandleAsync, stop.Token)).ToList();
        var saving = cameras is null ? Task.CompletedTask : SavePeriodicallyAsync(cameras, settings, stop.Token);
        try
        {
            // A loop only ends early when Kafka failed it: the others stop too, and the failure stops the host.
            await Task.WhenAny(loops);
            await stop.CancelAsync();
            await Task.WhenAll(loops);
        }
        finally
        {
            await stop.CancelAsync();
            await saving;

            // After the last batch ran: it may still have moved a camera's statistics.
            await batcher.DisposeAsync();
            if (cameras is not null)
            {
                await cameras.SaveAllAsync();
            }

            RecognizerLog.Stopped(logger);
        }
    }

    private async Task SavePeriodicallyAsync(CameraStates cameras, RecognizerOptions settings, CancellationToken cancellationToken)
    {
        // Often enough that SaveEveryMs is kept to within a quarter, seldom enough to cost nothing.
        var period = TimeSpan.FromMilliseconds(Math.Clamp(settings.SaveEveryMs / 4, 10, 1_000));
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await cameras.SaveDueAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the final save follows in ExecuteAsync.
        }
    }
}
