namespace Aird.Stream.Training.Export;

/// <summary>The two ONNX graphs of a trained student (docs/design.md, "FaceBN interface").</summary>
public enum StudentGraph
{
    /// <summary>BatchNorm folded into the convolutions: one input, one output, the training statistics baked in.</summary>
    Folded,

    /// <summary>Per-sample <c>bn{l}.scale/shift</c> inputs and <c>bn{l}.mean/sqmean</c> outputs for every BatchNorm layer.</summary>
    FaceBn,
}
