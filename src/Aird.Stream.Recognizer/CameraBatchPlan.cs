using Aird.Stream.Recognition.FaceBn;

namespace Aird.Stream.Recognizer;

/// <summary>A planned FaceBN batch, and per sample whether its camera had its own statistics (had seen a face) before it.</summary>
internal sealed record CameraBatchPlan(FaceBnBatch Batch, IReadOnlyList<bool> Adapted);
