using static TorchSharp.torch;

namespace Aird.Stream.Training.Distillation;

/// <summary>The batch loss to back-propagate and its parts as numbers for the log (0 for a switched-off term).</summary>
public sealed record DistillationTerms(Tensor Total, double FeatureAlignment, double PredictionAgreement, double Relation);
