namespace Aird.Stream.Training;

/// <summary>What a finished run wrote and how long it took.</summary>
public sealed record TrainingResult(
    string FoldedModel,
    string FaceBnModel,
    string Log,
    string LossPlot,
    string ModelVersion,
    double Seconds,
    double SecondsPerEpoch);
