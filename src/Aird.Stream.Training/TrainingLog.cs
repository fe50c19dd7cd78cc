using System.Globalization;

namespace Aird.Stream.Training;

/// <summary>
/// training-log.csv: one line per <see cref="TrainingOptions.LogEverySteps"/> steps with the running mean losses.
/// On resume the lines after the checkpoint are dropped, so the log always matches the weights.
/// </summary>
public sealed class TrainingLog
{
    public const string Header = "epoch,step,global_step,learning_rate,loss,feature_alignment,prediction_agreement,relation,images_per_second";

    private readonly string _path;

    public TrainingLog(string path, int keepUpToGlobalStep)
    {
        _path = path;
        var kept = File.Exists(path)
            ? File.ReadLines(path).Skip(1).Where(line => GlobalStep(line) <= keepUpToGlobalStep).ToList()
            : [];
        File.WriteAllLines(path, [Header, .. kept]);
    }

    public string Path => _path;

    public void Append(int globalStep, TrainingProgress p) =>
        File.AppendAllLines(_path, [string.Join(',', new[]
        {
            p.Epoch.ToString(CultureInfo.InvariantCulture),
            p.Step.ToString(CultureInfo.InvariantCulture),
            globalStep.ToString(CultureInfo.InvariantCulture),
            p.LearningRate.ToString("G6", CultureInfo.InvariantCulture),
            p.Loss.ToString("G6", CultureInfo.InvariantCulture),
            p.FeatureAlignment.ToString("G6", CultureInfo.InvariantCulture),
            p.PredictionAgreement.ToString("G6", CultureInfo.InvariantCulture),
            p.Relation.ToString("G6", CultureInfo.InvariantCulture),
            p.ImagesPerSecond.ToString("F1", CultureInfo.InvariantCulture),
        })]);

    /// <summary>(global step, loss, feature, prediction, relation) of every line, for the loss plot.</summary>
    public IReadOnlyList<double[]> Read() =>
        File.ReadLines(_path).Skip(1)
            .Select(line => line.Split(','))
            .Select(f => new[] { f[2], f[4], f[5], f[6], f[7] }.Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToList();

    private static int GlobalStep(string line) => int.Parse(line.Split(',')[2], CultureInfo.InvariantCulture);
}
