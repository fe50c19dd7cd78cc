using Aird.Stream.Contracts;
using Aird.Stream.Messaging;

namespace Aird.Stream.Recognizer;

/// <summary>
/// Handles crops for a consumer loop, a batch or one at a time: decode, embed in the micro-batcher, publish the
/// embeddings. It returns, and so lets the loop commit the crops' offsets, only after Kafka acknowledged every embedding.
/// </summary>
internal sealed class CropHandler(
    ICropEmbedder embedder,
    MicroBatcher<CropChip, ChipEmbedding> batcher,
    KafkaProducer<FaceEmbedding> embeddings,
    string embeddingsTopic,
    RecognizerMetrics metrics,
    TimeProvider time)
{
    /// <summary>
    /// Embeds a batch of crops together. Every crop is decoded before any is embedded, so that an unusable one fails
    /// the batch before it moved a camera's statistics; the loop then hands the crops over one at a time, which
    /// rejects that one alone.
    /// </summary>
    /// <exception cref="MessageRejectedException">A crop names no camera or its image is unusable.</exception>
    public async ValueTask HandleBatchAsync(IReadOnlyList<ConsumedMessage<FaceCrop>> messages, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        List<CropChip> chips = [.. messages.Select(m => Decode(m.Message))];
        await EmbedAndPublishAsync(messages, chips, started, cancellationToken);
    }

    /// <exception cref="MessageRejectedException">The crop names no camera or its image is unusable.</exception>
    public async ValueTask HandleAsync(ConsumedMessage<FaceCrop> message, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        CropChip chip;
        try
        {
            chip = Decode(message.Message);
        }
        catch (MessageRejectedException)
        {
            // Counted here only: a batch that failed on this crop hands it over once more, alone.
            metrics.Rejected();
            throw;
        }

        await EmbedAndPublishAsync([message], [chip], started, cancellationToken);
    }

    private CropChip Decode(FaceCrop crop)
    {
        var cameraId = crop.Header.CameraId;
        return string.IsNullOrWhiteSpace(cameraId)
            ? throw new MessageRejectedException("the crop's header names no camera")
            : new CropChip(cameraId, CropImage.ToRgbChip(crop, embedder.ChipSize));
    }

    private async Task EmbedAndPublishAsync(
        IReadOnlyList<ConsumedMessage<FaceCrop>> messages, List<CropChip> chips, long started, CancellationToken cancellationToken)
    {
        if (embedder.Cameras is { } cameras)
        {
            foreach (var (cameraId, partition) in messages.Select((m, i) => (chips[i].CameraId, m.Source.Partition.Value)).Distinct())
            {
                await cameras.EnsureAsync(cameraId, partition, cancellationToken);
            }
        }

        // Not cancelled: the wait is bounded by a batch, and crops that have updated their cameras' statistics should
        // also be published rather than replayed into them a second time.
        var embedded = await batcher.SubmitAllAsync(chips, CancellationToken.None);
        await Task.WhenAll(messages.Select((m, i) =>
            embeddings.ProduceAsync(embeddingsTopic, chips[i].CameraId, Describe(m.Message, embedded[i]), cancellationToken)));
        var latency = time.GetElapsedTime(started);
        foreach (var embedding in embedded)
        {
            metrics.Embedded(embedding.FaceBnApplied, latency);
        }
    }

    private FaceEmbedding Describe(FaceCrop crop, ChipEmbedding embedding)
    {
        var header = crop.Header.Clone();
        header.SchemaVersion = SchemaVersions.Current;
        header.Models ??= new ModelVersions();
        header.Models.Embedder = embedder.Version;
        return new FaceEmbedding
        {
            Header = header,
            Bbox = crop.Bbox,
            Quality = crop.Quality,
            Dimension = (uint)embedding.Vector.Length,
            Vector = EmbeddingVector.Pack(embedding.Vector),
            FacebnApplied = embedding.FaceBnApplied,
        };
    }
}
