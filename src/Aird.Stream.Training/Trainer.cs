using System.Diagnostics;
using System.Text.Json;
using Aird.Stream.Models.Student;
using Aird.Stream.Training.Data;
using Aird.Stream.Training.Distillation;
using Aird.Stream.Training.Export;
using Aird.Stream.Training.Student;
using Aird.Stream.Training.Teacher;
using TorchSharp;
using static TorchSharp.torch;

namespace Aird.Stream.Training;

/// <summary>
/// AIRD distillation on the CPU: the student sees degraded faces, the frozen teacher's high-resolution embeddings
/// (precomputed in the <see cref="TrainingSet"/>) are the targets. AdamW with warm-up and cosine decay, a checkpoint
/// at every epoch end and on cancellation, a CSV log and a loss plot; at the end both ONNX graphs are exported.
/// </summary>
public sealed class Trainer(TrainingOptions options)
{
    public const string FoldedFileName = "student.onnx";
    public const string FaceBnFileName = "student-facebn.onnx";

    /// <summary>Batches the exported BatchNorm statistics are averaged over after training (3,200 faces at batch 64).</summary>
    public const int StatisticsBatches = 50;

    public async Task<TrainingResult> RunAsync(
        TrainingSet set,
        DlibResNetModule teacher,
        string outputFolder,
        bool resume,
        IReadOnlyDictionary<string, string> modelMetadata,
        IProgress<TrainingProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentNullException.ThrowIfNull(modelMetadata);
        if (set.Faces.Count < options.BatchSize)
        {
            throw new ArgumentException($"The training set has {set.Faces.Count} faces, fewer than one batch of {options.BatchSize}.", nameof(set));
        }

        if (set.JitteredViews != options.Jitter.Views)
        {
            throw new ArgumentException($"The training set has {set.JitteredViews} jittered views per face, the options ask for {options.Jitter.Views}.", nameof(set));
        }

        Directory.CreateDirectory(outputFolder);
        torch.set_num_threads(options.Threads);
        var optionsJson = JsonSerializer.Serialize(options);
        var loader = new BatchLoader(set, new Degradation(options.Degradation, StudentModel.InputSize), StudentModel.InputSize, options.BatchSize, options.Seed);
        var stepsPerEpoch = loader.BatchesPerEpoch;
        var totalSteps = stepsPerEpoch * options.Epochs;

        var checkpoint = resume ? TrainingCheckpoint.Load(outputFolder) : null;
        if (resume && checkpoint is null)
        {
            throw new InvalidOperationException($"--resume: there is no checkpoint in '{outputFolder}'.");
        }

        if (checkpoint is not null && checkpoint.OptionsJson != optionsJson)
        {
            throw new InvalidOperationException(
                $"--resume: the checkpoint in '{outputFolder}' was made with other options ({checkpoint.OptionsJson}); resume with the same ones or start a new folder.");
        }

        using var student = checkpoint is null ? InitialStudent(teacher, loader) : new StudentNetwork();
        var optimizer = optim.AdamW(student.parameters(), options.LearningRate, weight_decay: options.WeightDecay);
        if (checkpoint is not null)
        {
            TrainingCheckpoint.Restore(outputFolder, student, optimizer);
        }

        using var prototypes = Prototypes(set);
        var loss = new DistillationLoss(options.Losses, prototypes);
        var log = new TrainingLog(Path.Combine(outputFolder, "training-log.csv"), checkpoint?.GlobalStep ?? 0);

        var (epoch, batch, globalStep) = checkpoint is null ? (0, 0, 0) : (checkpoint.Epoch, checkpoint.NextBatch, checkpoint.GlobalStep);
        var previousSeconds = checkpoint?.Seconds ?? 0;
        var clock = Stopwatch.StartNew();
        var window = new RunningMeans();
        var windowClock = Stopwatch.StartNew();
        student.train();
        try
        {
            for (; epoch < options.Epochs; epoch++, batch = 0)
            {
                await foreach (var data in loader.Epoch(epoch, batch, cancellationToken).ConfigureAwait(false))
                {
                    var learningRate = LearningRate(globalStep, totalSteps);
                    foreach (var group in optimizer.ParamGroups)
                    {
                        group.LearningRate = learningRate;
                    }

                    window.Add(Step(student, optimizer, loss, data));
                    globalStep++;
                    batch++;
                    if (batch % options.LogEverySteps == 0 || batch == stepsPerEpoch)
                    {
                        var report = window.Report(epoch + 1, options.Epochs, batch, stepsPerEpoch, learningRate, options.BatchSize / windowClock.Elapsed.TotalSeconds);
                        log.Append(globalStep, report);
                        progress?.Report(report);
                        window = new RunningMeans();
                        windowClock.Restart();
                    }
                }

                new TrainingCheckpoint(epoch + 1, 0, globalStep, previousSeconds + clock.Elapsed.TotalSeconds, optionsJson).Save(outputFolder, student, optimizer);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped between two steps: keep the work so that --resume continues from here.
            new TrainingCheckpoint(epoch, batch, globalStep, previousSeconds + clock.Elapsed.TotalSeconds, optionsJson).Save(outputFolder, student, optimizer);
            throw;
        }

        EstimateStatistics(student, set, options);
        var seconds = previousSeconds + clock.Elapsed.TotalSeconds;
        student.eval();
        var metadata = new Dictionary<string, string>(modelMetadata, StringComparer.Ordinal)
        {
            ["training_options"] = optionsJson,
            ["training_seconds"] = seconds.ToString("F0", System.Globalization.CultureInfo.InvariantCulture),
        };
        var folded = Path.Combine(outputFolder, FoldedFileName);
        var faceBn = Path.Combine(outputFolder, FaceBnFileName);
        File.WriteAllBytes(folded, StudentOnnxExporter.Export(student, StudentGraph.Folded, metadata));
        File.WriteAllBytes(faceBn, StudentOnnxExporter.Export(student, StudentGraph.FaceBn, metadata));
        var plot = Path.Combine(outputFolder, "training-loss.png");
        LossPlot.Save(plot, $"AIRD student: {Describe(options.Losses)}", log.Read());
        return new TrainingResult(folded, faceBn, log.Path, plot, StudentOnnxExporter.Version(student), seconds, seconds / options.Epochs);
    }

    /// <summary>Which terms a run used, for titles and logs.</summary>
    public static string Describe(DistillationOptions losses)
    {
        ArgumentNullException.ThrowIfNull(losses);
        var featureOnly = losses.PredictionWeight == 0;
        return (losses.Instance, losses.Relation, featureOnly) switch
        {
            (true, true, false) => "L_IlD + L_RlD (AIRD)",
            (true, true, true) => "L_IlD feature term (a = 0) + L_RlD",
            (true, false, false) => "L_IlD only",
            (true, false, true) => "L_IlD feature term (a = 0) only",
            _ => "L_RlD only",
        };
    }

    private static StudentNetwork InitialStudent(DlibResNetModule teacher, BatchLoader loader)
    {
        // The calibration batch is drawn like a training batch, from an epoch number training never uses.
        var calibration = loader.Batch(-1, 0);
        using var input = tensor(calibration.Inputs, [calibration.Count, 3, StudentModel.InputSize, StudentModel.InputSize]);
        return StudentNetwork.FromTeacher(teacher, input);
    }

    private static void EstimateStatistics(StudentNetwork student, TrainingSet set, TrainingOptions options)
    {
        // Mixed batches whatever the training batches were, so the statistics describe all cameras together; drawn
        // from an epoch number that neither training nor the calibration batch uses.
        var mixed = new Degradation(options.Degradation with { OneCameraPerBatch = false }, StudentModel.InputSize);
        var loader = new BatchLoader(set, mixed, StudentModel.InputSize, options.BatchSize, options.Seed);
        student.EstimateStatistics(Math.Min(StatisticsBatches, loader.BatchesPerEpoch), k =>
        {
            var batch = loader.Batch(-2, k);
            return tensor(batch.Inputs, [batch.Count, 3, StudentModel.InputSize, StudentModel.InputSize]);
        });
    }

    private static (double Loss, double Feature, double Prediction, double Relation) Step(
        StudentNetwork student, TorchSharp.Modules.OptimizerHelper optimizer, DistillationLoss loss, TrainingBatch data)
    {
        using var scope = NewDisposeScope();
        var input = tensor(data.Inputs, [data.Count, 3, StudentModel.InputSize, StudentModel.InputSize]);
        var target = tensor(data.Targets, [data.Count, data.Targets.Length / data.Count]);
        var embeddings = nn.functional.normalize(student.forward(input), p: 2, dim: 1);
        var terms = loss.Compute(embeddings, target);
        optimizer.zero_grad();
        terms.Total.backward();
        optimizer.step();
        return (terms.Total.item<float>(), terms.FeatureAlignment, terms.PredictionAgreement, terms.Relation);
    }

    // Linear warm-up, then a cosine from the peak down to 1% of it at the last step.
    private double LearningRate(int step, int totalSteps)
    {
        if (step < options.WarmupSteps)
        {
            return options.LearningRate * (step + 1) / options.WarmupSteps;
        }

        var progress = (step - options.WarmupSteps) / (double)Math.Max(1, totalSteps - options.WarmupSteps);
        return options.LearningRate * (0.01 + (0.99 * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(1, progress)))));
    }

    // W: the L2-normalised mean teacher embedding of each identity (both orientations), [K, D].
    private static Tensor Prototypes(TrainingSet set)
    {
        var dimension = set.EmbeddingSize;
        var sums = new float[set.IdentityCount * dimension];
        foreach (var face in set.Faces)
        {
            for (var d = 0; d < dimension; d++)
            {
                sums[(face.Identity * dimension) + d] += face.Teacher[d] + face.TeacherMirrored[d];
            }
        }

        using var raw = tensor(sums, [set.IdentityCount, dimension]);
        return nn.functional.normalize(raw, p: 2, dim: 1);
    }

    private sealed class RunningMeans
    {
        private int _count;
        private double _loss, _feature, _prediction, _relation;

        public void Add((double Loss, double Feature, double Prediction, double Relation) step)
        {
            _count++;
            _loss += step.Loss;
            _feature += step.Feature;
            _prediction += step.Prediction;
            _relation += step.Relation;
        }

        public TrainingProgress Report(int epoch, int epochs, int step, int steps, double learningRate, double imagesPerSecondPerStep) =>
            new(epoch, epochs, step, steps, _loss / _count, _feature / _count, _prediction / _count, _relation / _count, learningRate, imagesPerSecondPerStep * _count);
    }
}
