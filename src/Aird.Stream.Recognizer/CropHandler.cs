using Aird.Stream.Contracts;
using Aird.Stream.Messaging;

namespace Aird.Stream.Recognizer;

/// <summary>
/// Handles one crop for a consumer loop: decode, join a micro-batch, publish the embedding. It returns, and so lets
/// the loop commit the crop's offset, only after Kafka acknowledged the embedding.
/// </summary>
internal sealed class CropHandler(
    ICropEmbedder embedder,
    MicroBatcher<CropChip, ChipEmbedding> batcher,
    KafkaProducer<FaceEmbedding> embeddings,
    string embeddingsTopic,
    RecognizerMetrics metrics,
    TimeProvider time)
{
    /// <exception cref="MessageRejectedException">The crop names no camera or its image is unusable.</exception>
    public async ValueTask HandleAsync(ConsumedMessage<FaceCrop> message, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var crop = message.Message;
        var cameraId = crop.Header.CameraId;
        byte[] chip;
        try
        {
            chip = string.IsNullOrWhiteSpace(cameraId)
                ? throw new MessageRejectedException("the crop's header names no camera")
                : CropImage.ToRgbChip(crop, embedder.ChipSize);
        }
        catch (MessageRejectedException)
        {
            metrics.Rejected();
            throw;
        }

        if (embedder.Cameras is { } cameras)
        {
            await cameras.EnsureAsync(cameraId, message.Source.Partition.Value, cancellationToken);
        }

        // Not cancelled: the wait is bounded by one batch, and a crop that has updated its camera's statistics
        // should also be published rather than replayed into them a second time.
        var embedding = await batcher.SubmitAsync(new CropChip(cameraId, chip), CancellationToken.None);
        await embeddings.ProduceAsync(embeddingsTopic, cameraId, Describe(crop, embedding), cancellationToken);
        metrics.Embedded(embedding.FaceBnApplied, time.GetElapsedTime(started));
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
