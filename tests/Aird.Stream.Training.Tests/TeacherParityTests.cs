using Aird.Stream.Models.FaceApi;
using Aird.Stream.Models.Teacher;
using Aird.Stream.Testing;
using Aird.Stream.Training.Teacher;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace Aird.Stream.Training.Tests;

public class TeacherParityTests
{
    [Fact]
    public void The_TorchSharp_teacher_gives_the_ONNX_teachers_embeddings()
    {
        var chips = new[] { ("Aaron_Peirsol", 1), ("Aaron_Peirsol", 2), ("Abel_Pacheco", 1), ("Zico", 1) }
            .Select(c => LfwChips.CentreCrop(c.Item1, c.Item2))
            .ToList();
        var input = LfwChips.ToNchw(chips);
        long[] shape = [chips.Count, 3, TeacherModel.InputSize, TeacherModel.InputSize];

        var manifest = Path.Combine(RepositoryPaths.RequireFaceApiModel(), "face_recognition_model-weights_manifest.json");
        using var module = DlibResNetModule.FromFaceApi(FaceApiWeights.Load(manifest));
        using var batch = tensor(input, shape);
        using var torchOutput = module.forward(batch);
        var fromTorch = torchOutput.data<float>().ToArray();

        using var session = new InferenceSession(TeacherModel.EnsureConverted(RepositoryPaths.Cache));
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var results = session.Run(new RunOptions(), [TeacherModel.InputName], [value], [TeacherModel.OutputName]);
        var fromOnnx = results[0].GetTensorDataAsSpan<float>().ToArray();

        Assert.Equal(chips.Count * TeacherModel.EmbeddingSize, fromTorch.Length);
        var maxDifference = fromTorch.Zip(fromOnnx, (a, b) => Math.Abs(a - b)).Max();
        TestContext.Current.TestOutputHelper?.WriteLine($"max |torch - onnx| = {maxDifference:E2} over {fromTorch.Length} values");
        Assert.True(maxDifference <= 1e-4f, $"max |torch - onnx| = {maxDifference}");
    }
}
