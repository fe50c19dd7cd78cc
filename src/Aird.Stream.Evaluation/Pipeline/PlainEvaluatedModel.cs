using Aird.Stream.Models.Runtime;

namespace Aird.Stream.Evaluation.Pipeline;

/// <summary>A model with one input and one output (the teacher, the folded student): every chip embeds on its own.</summary>
public sealed class PlainEvaluatedModel(FaceEmbedder embedder) : EvaluatedModel
{
    public override string Name => embedder.Model.Name;

    public override int ChipSize => embedder.Model.ChipSize;

    public override bool AdaptsToProbes => false;

    public override float[][] EmbedGallery(IReadOnlyList<ReadOnlyMemory<byte>> chips, CancellationToken cancellationToken) =>
        embedder.Embed(chips, cancellationToken);

    public override float[][] EmbedProbes(string camera, IReadOnlyList<ReadOnlyMemory<byte>> chips, CancellationToken cancellationToken) =>
        embedder.Embed(chips, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            embedder.Dispose();
        }
    }
}
