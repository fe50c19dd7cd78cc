using Aird.Stream.Models.Runtime;
using Aird.Stream.Recognition.FaceBn;

namespace Aird.Stream.Evaluation.Pipeline;

/// <summary>
/// The FaceBN student. Galleries always use the training statistics (enrollment photos are not a camera). Probes use
/// them too unless <paramref name="streamProbes"/>: then each probe set is one camera streamed through its own
/// FaceBN state from the training statistics on.
/// </summary>
public sealed class FaceBnEvaluatedModel(string name, FaceBnSession session, bool streamProbes) : EvaluatedModel
{
    public override string Name => name;

    public override int ChipSize => session.ChipSize;

    public override bool AdaptsToProbes => streamProbes;

    public FaceBnSession Session => session;

    public override float[][] EmbedGallery(IReadOnlyList<ReadOnlyMemory<byte>> chips, CancellationToken cancellationToken) =>
        FaceBnCamera.Start(session, "gallery", MomentumSchedule.Default).Embed(chips, adapt: false, cancellationToken);

    public override float[][] EmbedProbes(string camera, IReadOnlyList<ReadOnlyMemory<byte>> chips, CancellationToken cancellationToken) =>
        FaceBnCamera.Start(session, camera, MomentumSchedule.Default).Embed(chips, adapt: streamProbes, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            session.Dispose();
        }
    }
}
