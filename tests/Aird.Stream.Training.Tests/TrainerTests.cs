using Aird.Stream.Models.FaceApi;
using Aird.Stream.Models.Student;
using Aird.Stream.Testing;
using Aird.Stream.Training.Data;
using Aird.Stream.Training.Distillation;
using Aird.Stream.Training.Teacher;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace Aird.Stream.Training.Tests;

public sealed class TrainerTests : IDisposable
{
    private static readonly (string Person, int Images)[] People =
        [("Aaron_Peirsol", 4), ("Abel_Pacheco", 4), ("Zico", 3), ("Abdullah_Gul", 5), ("Adam_Sandler", 4)];

    private readonly string _folder = Directory.CreateTempSubdirectory("aird-trainer-").FullName;
    private readonly DlibResNetModule _teacher = DlibResNetModule.FromFaceApi(FaceApiWeights.Load(
        Path.Combine(RepositoryPaths.RequireFaceApiModel(), "face_recognition_model-weights_manifest.json")));

    private static TrainingOptions Options => new() { Epochs = 2, BatchSize = 8, WarmupSteps = 2, LogEverySteps = 1, Threads = 2 };

    [Fact]
    public async Task A_run_writes_the_graphs_the_log_and_the_plot()
    {
        var result = await new Trainer(Options with { Epochs = 3 }).RunAsync(Set(), _teacher, Path.Combine(_folder, "run"), resume: false, new Dictionary<string, string>(), null, TestContext.Current.CancellationToken);

        Assert.True(File.Exists(result.FoldedModel));
        Assert.True(File.Exists(result.FaceBnModel));
        Assert.True(new FileInfo(result.LossPlot).Length > 1000);
        var lines = File.ReadAllLines(result.Log);
        Assert.Equal(TrainingLog.Header, lines[0]);
        Assert.Equal(3 * 2, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.True(double.Parse(l.Split(',')[4], System.Globalization.CultureInfo.InvariantCulture) > 0, l));
        using var session = new InferenceSession(result.FoldedModel);
        Assert.Equal(result.ModelVersion, session.ModelMetadata.CustomMetadataMap[StudentModel.VersionMetadataKey]);
    }

    [Fact]
    public async Task A_run_stopped_in_the_middle_and_resumed_ends_with_the_weights_of_an_uninterrupted_run()
    {
        var uninterrupted = await new Trainer(Options).RunAsync(Set(), _teacher, Path.Combine(_folder, "whole"), resume: false, new Dictionary<string, string>(), null, TestContext.Current.CancellationToken);

        var stopped = Path.Combine(_folder, "stopped");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new Trainer(Options).RunAsync(
            Set(), _teacher, stopped, resume: false, new Dictionary<string, string>(), new StopAfter(3, stop), stop.Token));
        Assert.False(File.Exists(Path.Combine(stopped, Trainer.FoldedFileName)));

        var resumed = await new Trainer(Options).RunAsync(Set(), _teacher, stopped, resume: true, new Dictionary<string, string>(), null, TestContext.Current.CancellationToken);

        Assert.Equal(File.ReadAllLines(uninterrupted.Log).Length, File.ReadAllLines(resumed.Log).Length);

        // Adam turns the last bits of float rounding (thread scheduling) into ±lr steps on near-zero gradients, so
        // "the same weights" means the same embeddings up to a cosine of 0.9999, not bit equality.
        var expected = Embed(uninterrupted.FoldedModel);
        var actual = Embed(resumed.FoldedModel);
        Assert.All(expected.Zip(actual), pair => Assert.True(Cosine(pair.First, pair.Second) > 0.9999, $"cosine {Cosine(pair.First, pair.Second)}"));
        var otherSeed = await new Trainer(Options with { Seed = 2 }).RunAsync(Set(), _teacher, Path.Combine(_folder, "other"), resume: false, new Dictionary<string, string>(), null, TestContext.Current.CancellationToken);
        Assert.Contains(expected.Zip(Embed(otherSeed.FoldedModel)), pair => Cosine(pair.First, pair.Second) < 0.9999);
    }

    [Fact]
    public async Task Resuming_without_a_checkpoint_or_with_other_options_is_refused_clearly()
    {
        var folder = Path.Combine(_folder, "refused");
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => new Trainer(Options).RunAsync(
            Set(), _teacher, folder, resume: true, new Dictionary<string, string>(), null, TestContext.Current.CancellationToken));
        Assert.Contains("no checkpoint", missing.Message, StringComparison.Ordinal);

        await new Trainer(Options with { Epochs = 1 }).RunAsync(Set(), _teacher, folder, resume: false, new Dictionary<string, string>(), null, TestContext.Current.CancellationToken);
        var other = await Assert.ThrowsAsync<InvalidOperationException>(() => new Trainer(Options with { Epochs = 1, Seed = 9 }).RunAsync(
            Set(), _teacher, folder, resume: true, new Dictionary<string, string>(), null, TestContext.Current.CancellationToken));
        Assert.Contains("other options", other.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, true, 1.0, "L_IlD + L_RlD (AIRD)")]
    [InlineData(true, true, 0.0, "L_IlD feature term (a = 0) + L_RlD")]
    [InlineData(true, false, 1.0, "L_IlD only")]
    [InlineData(true, false, 0.0, "L_IlD feature term (a = 0) only")]
    [InlineData(false, true, 1.0, "L_RlD only")]
    public void A_run_is_named_by_the_terms_it_optimises(bool instance, bool relation, double predictionWeight, string expected)
    {
        var losses = new DistillationOptions { Instance = instance, Relation = relation, PredictionWeight = predictionWeight };

        Assert.Equal(expected, Trainer.Describe(losses));
    }

    public void Dispose()
    {
        _teacher.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static double Cosine(float[] a, float[] b) =>
        a.Zip(b, (x, y) => (double)x * y).Sum() / Math.Sqrt(a.Sum(x => (double)x * x) * b.Sum(y => (double)y * y));

    private static float[][] Embed(string model)
    {
        var chips = People.Select(p => LfwChips.Subsample(LfwChips.CentreCrop(p.Person, 1), StudentModel.InputSize)).ToList();
        var input = LfwChips.ToNchw(chips, StudentModel.InputSize);
        using var session = new InferenceSession(model);
        using var value = OrtValue.CreateTensorValueFromMemory(input, [chips.Count, 3, StudentModel.InputSize, StudentModel.InputSize]);
        using var results = session.Run(new RunOptions(), [StudentModel.InputName], [value], [StudentModel.OutputName]);
        return results[0].GetTensorDataAsSpan<float>().ToArray().Chunk(StudentModel.EmbeddingSize).ToArray();
    }

    // Centre crops stand in for aligned chips; the teacher's own embeddings of them are the targets.
    private TrainingSet Set()
    {
        var faces = new List<TrainingFace>();
        for (var identity = 0; identity < People.Length; identity++)
        {
            for (var image = 1; image <= People[identity].Images; image++)
            {
                var chip = LfwChips.CentreCrop(People[identity].Person, image);
                faces.Add(new TrainingFace($"{People[identity].Person}/{image}", identity, chip, Teacher(chip, mirrored: false), Teacher(chip, mirrored: true), []));
            }
        }

        return new TrainingSet(LfwChips.Size, faces, People.Length);
    }

    private float[] Teacher(byte[] chip, bool mirrored)
    {
        using var scope = NewDisposeScope();
        var input = tensor(LfwChips.ToNchw([chip]), [1, 3, LfwChips.Size, LfwChips.Size]);
        var output = _teacher.forward(mirrored ? input.flip(3) : input);
        return nn.functional.normalize(output, p: 2, dim: 1).data<float>().ToArray();
    }

    /// <summary>Cancels the run once it reports step <paramref name="steps"/>, synchronously, between two steps.</summary>
    private sealed class StopAfter(int steps, CancellationTokenSource stop) : IProgress<TrainingProgress>
    {
        private int _reports;

        public void Report(TrainingProgress value)
        {
            if (++_reports == steps)
            {
                stop.Cancel();
            }
        }
    }
}
