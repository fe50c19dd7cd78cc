using Aird.Stream.Models.Runtime;

namespace Aird.Stream.Recognizer;

/// <summary>A plain embedder (e.g. the teacher, or the student with BatchNorm folded): no per-camera state.</summary>
internal sealed class PlainCropEmbedder(FaceEmbedder embedder, string version) : ICropEmbedder
{
    public string Version => version;

    public int ChipSize => embedder.Model.ChipSize;

    public OnnxExecutionProvider Provider => embedder.Provider;

    public CameraStates? Cameras => null;

    public IReadOnlyList<ChipEmbedding> Embed(IReadOnlyList<CropChip> chips) =>
        [.. embedder.Embed([.. chips.Select(c => c.Rgb)]).Select(v => new ChipEmbedding(v, FaceBnApplied: false))];

    public void Dispose() => embedder.Dispose();
}
