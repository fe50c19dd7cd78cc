namespace Aird.Stream.Storage.Sightings;

/// <summary>A nearest-neighbour search over stored sightings by face embedding.</summary>
/// <param name="Embedding">The probe, L2-normalised, <see cref="EmbeddingSpace.Dimension"/> values.</param>
/// <param name="ModelVersion">Only sightings embedded by this model are compared: other models' spaces differ.</param>
/// <param name="Limit">How many nearest sightings to return (1..1000).</param>
public sealed record SightingQuery(ReadOnlyMemory<float> Embedding, string ModelVersion, int Limit = 10)
{
    public string? CameraId { get; init; }

    /// <summary>Inclusive lower bound of the capture time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Exclusive upper bound of the capture time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>
    /// Compare with every candidate row instead of walking the HNSW graph: the true nearest neighbours, at the cost
    /// of reading all rows that pass the filters. For where recall matters more than time (an analyst's search
    /// over a short time range or one camera).
    /// </summary>
    public bool Exact { get; init; }
}
