using Aird.Stream.Models.FaceApi;
using Aird.Stream.Models.Student;
using Aird.Stream.Testing;
using Aird.Stream.Training.Export;
using Aird.Stream.Training.Student;
using Aird.Stream.Training.Teacher;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace Aird.Stream.Training.Tests.Student;

public sealed class StudentExportTests : IDisposable
{
    private static readonly (string Person, int Image)[] Faces =
        [("Aaron_Peirsol", 1), ("Aaron_Peirsol", 2), ("Abel_Pacheco", 1), ("Zico", 1), ("Abdullah_Gul", 1), ("Adam_Sandler", 1)];

    private readonly StudentNetwork _student;
    private readonly float[] _input;
    private readonly long[] _shape = [Faces.Length, 3, StudentModel.InputSize, StudentModel.InputSize];

    public StudentExportTests()
    {
        var manifest = Path.Combine(RepositoryPaths.RequireFaceApiModel(), "face_recognition_model-weights_manifest.json");
        using var teacher = DlibResNetModule.FromFaceApi(FaceApiWeights.Load(manifest));
        _input = LfwChips.ToNchw(
            Faces.Select(f => LfwChips.Subsample(LfwChips.CentreCrop(f.Person, f.Image), StudentModel.InputSize)).ToList(),
            StudentModel.InputSize);
        using var batch = tensor(_input, _shape);
        _student = StudentNetwork.FromTeacher(teacher, batch);

        // Training-mode passes over other inputs move the running statistics away from the calibration batch, so
        // that the exported graphs must really use the running statistics, not the batch's.
        using (no_grad())
        {
            for (var i = 0; i < 3; i++)
            {
                using var shifted = (batch * (0.8 + (0.1 * i))) + (10 * i);
                using var _ = _student.forward(shifted);
            }
        }

        _student.eval();
    }

    [Fact]
    public void Folded_and_FaceBN_graphs_with_the_training_statistics_give_the_TorchSharp_embeddings()
    {
        using var batch = tensor(_input, _shape);
        using var output = _student.forward(batch);
        var expected = output.data<float>().ToArray();

        var folded = RunFolded();
        var (faceBn, _, _) = RunFaceBn(TrainingStatistics());

        Assert.Equal(Faces.Length * StudentModel.EmbeddingSize, expected.Length);
        AssertClose(expected, folded, "folded");
        AssertClose(expected, faceBn, "FaceBN");
    }

    [Fact]
    public void The_FaceBN_graph_returns_per_sample_moments_of_every_BatchNorm_input()
    {
        var layers = StudentOnnxExporter.BatchNormLayers(_student);
        var (_, means, sqMeans) = RunFaceBn(TrainingStatistics());

        Assert.Equal(27, layers.Count);
        for (var l = 0; l < layers.Count; l++)
        {
            Assert.Equal(Faces.Length * layers[l].Channels, means[l].Length);
            for (var i = 0; i < means[l].Length; i++)
            {
                // E[x^2] >= E[x]^2 per sample and channel; rounding allows a hair below.
                Assert.True(sqMeans[l][i] >= (means[l][i] * means[l][i] * (1 - 1e-4f)) - 1e-6f, $"layer {l} value {i}");
            }
        }

        // The stem's conv input is the normalised image: its moments differ per face, so per-sample really is per sample.
        Assert.NotEqual(means[0][0], means[0][layers[0].Channels]);
    }

    [Fact]
    public void The_FaceBN_graph_carries_the_trained_layers_and_the_model_version()
    {
        using var session = new InferenceSession(StudentOnnxExporter.Export(_student, StudentGraph.FaceBn));
        var metadata = session.ModelMetadata.CustomMetadataMap;
        var layers = StudentBatchNorm.FromJson(metadata[StudentModel.BatchNormMetadataKey]);

        Assert.Equal(StudentOnnxExporter.Version(_student), metadata[StudentModel.VersionMetadataKey]);
        Assert.Equal(StudentOnnxExporter.BatchNormLayers(_student).Select(l => l.Mean), layers.Select(l => l.Mean));
        Assert.Equal(1 + (27 * 2), session.InputMetadata.Count);
        Assert.Equal(1 + (27 * 2), session.OutputMetadata.Count);
    }

    [Fact]
    public void Estimated_statistics_average_the_statistics_of_the_batches_and_leave_the_student_in_eval_mode()
    {
        // The stem's BatchNorm input does not depend on any normalisation, so its per-batch statistics can be read off
        // the FaceBN graph's per-sample moments: the first and the second half of the faces are the two batches.
        var (_, means, sqMeans) = RunFaceBn(TrainingStatistics());
        var channels = StudentOnnxExporter.BatchNormLayers(_student)[0].Channels;
        var half = Faces.Length / 2;
        var plane = 3 * StudentModel.InputSize * StudentModel.InputSize;

        _student.EstimateStatistics(2, k => tensor(_input.AsSpan(k * half * plane, half * plane).ToArray(), [half, 3, StudentModel.InputSize, StudentModel.InputSize]));

        var stem = StudentOnnxExporter.BatchNormLayers(_student)[0];
        Assert.False(_student.training);
        for (var c = 0; c < channels; c++)
        {
            var batchMean = new double[2];
            var batchVariance = new double[2];
            for (var k = 0; k < 2; k++)
            {
                var samples = Enumerable.Range(k * half, half).ToList();
                batchMean[k] = samples.Average(i => (double)means[0][(i * channels) + c]);
                batchVariance[k] = samples.Average(i => (double)sqMeans[0][(i * channels) + c]) - (batchMean[k] * batchMean[k]);
            }

            // Relative 1e-3 covers float rounding and BatchNorm's unbiased variance (3 x 32 x 32 positions per batch).
            Assert.Equal(batchMean.Average(), stem.Mean[c], Math.Max(1e-3, Math.Abs(batchMean.Average()) * 1e-3));
            Assert.Equal(batchVariance.Average(), stem.Variance[c], batchVariance.Average() * 1e-3);
        }
    }

    public void Dispose() => _student.Dispose();

    private float[] RunFolded()
    {
        using var session = new InferenceSession(StudentOnnxExporter.Export(_student, StudentGraph.Folded));
        using var value = OrtValue.CreateTensorValueFromMemory(_input, _shape);
        using var results = session.Run(new RunOptions(), [StudentModel.InputName], [value], [StudentModel.OutputName]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private (float[] Embeddings, float[][] Means, float[][] SquareMeans) RunFaceBn(List<(float[] Scale, float[] Shift)> perLayer)
    {
        using var session = new InferenceSession(StudentOnnxExporter.Export(_student, StudentGraph.FaceBn));
        var names = new List<string> { StudentModel.InputName };
        var values = new List<OrtValue> { OrtValue.CreateTensorValueFromMemory(_input, _shape) };
        for (var l = 0; l < perLayer.Count; l++)
        {
            var channels = perLayer[l].Scale.Length;
            var scale = Enumerable.Range(0, Faces.Length).SelectMany(_ => perLayer[l].Scale).ToArray();
            var shift = Enumerable.Range(0, Faces.Length).SelectMany(_ => perLayer[l].Shift).ToArray();
            names.AddRange([StudentModel.ScaleInput(l), StudentModel.ShiftInput(l)]);
            values.Add(OrtValue.CreateTensorValueFromMemory(scale, [Faces.Length, channels]));
            values.Add(OrtValue.CreateTensorValueFromMemory(shift, [Faces.Length, channels]));
        }

        var outputs = new List<string> { StudentModel.OutputName };
        outputs.AddRange(Enumerable.Range(0, perLayer.Count).SelectMany(l => new[] { StudentModel.MeanOutput(l), StudentModel.SquareMeanOutput(l) }));
        try
        {
            using var results = session.Run(new RunOptions(), names, values, outputs);
            var embeddings = results[0].GetTensorDataAsSpan<float>().ToArray();
            var means = Enumerable.Range(0, perLayer.Count).Select(l => results[1 + (2 * l)].GetTensorDataAsSpan<float>().ToArray()).ToArray();
            var squares = Enumerable.Range(0, perLayer.Count).Select(l => results[2 + (2 * l)].GetTensorDataAsSpan<float>().ToArray()).ToArray();
            return (embeddings, means, squares);
        }
        finally
        {
            values.ForEach(v => v.Dispose());
        }
    }

    private List<(float[] Scale, float[] Shift)> TrainingStatistics() =>
        StudentOnnxExporter.BatchNormLayers(_student).Select(layer =>
        {
            var scale = layer.Gamma.Select((g, c) => (float)(g / Math.Sqrt(layer.Variance[c] + layer.Epsilon))).ToArray();
            var shift = layer.Beta.Select((b, c) => b - (layer.Mean[c] * scale[c])).ToArray();
            return (scale, shift);
        }).ToList();

    private static void AssertClose(float[] expected, float[] actual, string graph)
    {
        Assert.Equal(expected.Length, actual.Length);
        var maxDifference = expected.Zip(actual, (a, b) => Math.Abs(a - b)).Max();
        TestContext.Current.TestOutputHelper?.WriteLine($"max |torch - {graph} onnx| = {maxDifference:E2} over {expected.Length} values");
        Assert.True(maxDifference <= 1e-4f, $"max |torch - {graph} onnx| = {maxDifference}");
    }
}
