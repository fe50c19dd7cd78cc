namespace Aird.Stream.Evaluation.Metrics;

/// <summary>One operating point: the error or acceptance rates at a score threshold.</summary>
public readonly record struct CurvePoint(double Threshold, double X, double Y);
