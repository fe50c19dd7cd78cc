namespace Aird.Stream.Evaluation.Pipeline;

/// <summary>Per camera: verification and identification rows with FaceBN off and on, and the FaceBN warm-up curve.</summary>
public sealed record CameraShiftResult(IReadOnlyList<LabelledCurve> Rows, IReadOnlyList<FaceBnWarmupPoint> Warmup);
