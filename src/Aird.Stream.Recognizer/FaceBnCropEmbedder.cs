using Aird.Stream.Models.Runtime;

namespace Aird.Stream.Recognizer;

/// <summary>
/// The FaceBN student: every chip normalised with its camera's statistics as they were before the batch, every
/// camera of the batch updated once afterwards (<see cref="CameraStates.Plan"/>).
/// </summary>
internal sealed class FaceBnCropEmbedder(FaceBnSession session, CameraStates cameras) : ICropEmbedder
{
    public string Version => session.Version;

    public int ChipSize => session.ChipSize;

    public OnnxExecutionProvider Provider => session.Provider;

    public CameraStates? Cameras => cameras;

    public IReadOnlyList<ChipEmbedding> Embed(IReadOnlyList<CropChip> chips)
    {
        var plan = cameras.Plan([.. chips.Select(c => c.CameraId)]);
        var output = session.Run([.. chips.Select(c => c.Rgb)], [.. plan.Batch.Scales], [.. plan.Batch.Shifts]);
        cameras.Apply(plan, output.Means, output.SquareMeans);
        return [.. output.Embeddings.Select((v, i) => new ChipEmbedding(v, plan.Adapted[i]))];
    }

    public void Dispose() => session.Dispose();
}
