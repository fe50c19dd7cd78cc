namespace Aird.Stream.Evaluation.Pipeline;

/// <summary>How far one stage of an evaluation has come, for progress bars.</summary>
public readonly record struct EvaluationProgress(string Stage, int Done, int Total);
