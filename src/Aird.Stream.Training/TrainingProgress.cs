namespace Aird.Stream.Training;

/// <summary>Where a training run is, for a progress bar: losses are running means since the last report.</summary>
public sealed record TrainingProgress(
    int Epoch,
    int Epochs,
    int Step,
    int StepsPerEpoch,
    double Loss,
    double FeatureAlignment,
    double PredictionAgreement,
    double Relation,
    double LearningRate,
    double ImagesPerSecond);
