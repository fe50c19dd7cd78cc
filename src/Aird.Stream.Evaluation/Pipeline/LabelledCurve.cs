using Aird.Stream.Evaluation.Metrics;
using Aird.Stream.Evaluation.Reporting;

namespace Aird.Stream.Evaluation.Pipeline;

/// <summary>A report row with the curve behind it (ROC for verification, DET for open set) and its plot label.</summary>
public sealed record LabelledCurve(ReportRow Row, string Label, IReadOnlyList<CurvePoint> Curve);
