namespace Aird.Stream.Evaluation.Metrics;

/// <summary>Verification figures of one protocol row (accuracies are fractions in [0, 1]).</summary>
public sealed record VerificationResult(
    int Pairs,
    double Accuracy,
    double AccuracyStd,
    double Auc,
    double TarAtFar1e2,
    double TarAtFar1e3,
    IReadOnlyList<CurvePoint> Roc);
