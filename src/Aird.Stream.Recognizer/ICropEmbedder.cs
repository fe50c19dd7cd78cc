using Aird.Stream.Models.Runtime;

namespace Aird.Stream.Recognizer;

/// <summary>The model the recognizer runs: one batch of chips, possibly of many cameras, in one inference.</summary>
internal interface ICropEmbedder : IDisposable
{
    /// <summary>The weights' version, published with every embedding.</summary>
    string Version { get; }

    /// <summary>Side of the square RGB chips the model takes.</summary>
    int ChipSize { get; }

    OnnxExecutionProvider Provider { get; }

    /// <summary>Per-camera state the embedder keeps, or null when it keeps none.</summary>
    CameraStates? Cameras { get; }

    /// <summary>One embedding per chip, in order. Called one batch at a time.</summary>
    IReadOnlyList<ChipEmbedding> Embed(IReadOnlyList<CropChip> chips);
}
