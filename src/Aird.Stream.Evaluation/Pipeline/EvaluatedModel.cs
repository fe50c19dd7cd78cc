namespace Aird.Stream.Evaluation.Pipeline;

/// <summary>
/// The model under evaluation as the protocols use it: galleries (high-resolution enrollment photos) and probe
/// streams (one simulated camera each) are embedded separately, because a FaceBN student adapts to a probe stream.
/// </summary>
public abstract class EvaluatedModel : IDisposable
{
    public abstract string Name { get; }

    public abstract int ChipSize { get; }

    /// <summary>True when a probe's embedding depends on the probes before it (FaceBN streaming): such embeddings are not cached.</summary>
    public abstract bool AdaptsToProbes { get; }

    /// <summary>L2-normalised embeddings of enrollment chips.</summary>
    public abstract float[][] EmbedGallery(IReadOnlyList<ReadOnlyMemory<byte>> chips, CancellationToken cancellationToken);

    /// <summary>L2-normalised embeddings of one camera's probe chips, in stream order.</summary>
    public abstract float[][] EmbedProbes(string camera, IReadOnlyList<ReadOnlyMemory<byte>> chips, CancellationToken cancellationToken);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
