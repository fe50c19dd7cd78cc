using Aird.Stream.Models.Runtime;

namespace Aird.Stream.Evaluation.Pipeline;

/// <summary>
/// Test-time mirror fusion: each chip's embedding is the normalised sum of the embeddings of the chip and of its
/// mirror image, a common face-verification practice that averages out left-right asymmetries of alignment and
/// lighting, at twice the cost per face. Only for models whose probe embeddings do not depend on earlier probes:
/// the mirrored chips would otherwise adapt a FaceBN stream twice.
/// </summary>
public sealed class MirrorFusedModel : EvaluatedModel
{
    private readonly EvaluatedModel inner;

    public MirrorFusedModel(EvaluatedModel inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (inner.AdaptsToProbes)
        {
            throw new ArgumentException($"Mirror fusion needs a model whose probes embed independently; '{inner.Name}' adapts to its probe stream.", nameof(inner));
        }

        this.inner = inner;
    }

    public override string Name => $"{inner.Name}-mirror";

    public override int ChipSize => inner.ChipSize;

    public override bool AdaptsToProbes => false;

    public override float[][] EmbedGallery(IReadOnlyList<ReadOnlyMemory<byte>> chips, CancellationToken cancellationToken) =>
        Fused(inner.EmbedGallery(chips, cancellationToken), inner.EmbedGallery(Mirrored(chips), cancellationToken));

    public override float[][] EmbedProbes(string camera, IReadOnlyList<ReadOnlyMemory<byte>> chips, CancellationToken cancellationToken) =>
        Fused(inner.EmbedProbes(camera, chips, cancellationToken), inner.EmbedProbes(camera, Mirrored(chips), cancellationToken));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
    }

    private List<ReadOnlyMemory<byte>> Mirrored(IReadOnlyList<ReadOnlyMemory<byte>> chips) =>
        [.. chips.Select(c => (ReadOnlyMemory<byte>)RgbChips.Mirrored(c.Span, ChipSize))];

    private static float[][] Fused(float[][] plain, float[][] mirrored) =>
        [.. plain.Select((embedding, i) => EmbeddingVectors.Normalised([.. embedding.Zip(mirrored[i], (a, b) => a + b)]))];
}
