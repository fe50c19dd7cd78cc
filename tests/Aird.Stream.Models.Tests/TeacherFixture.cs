using Aird.Stream.Models.Teacher;
using Aird.Stream.Testing;
using Microsoft.ML.OnnxRuntime;

namespace Aird.Stream.Models.Tests;

/// <summary>Converts the teacher once (into the repository's .cache/) and opens it with the CPU provider.</summary>
public sealed class TeacherFixture : IDisposable
{
    public TeacherFixture()
    {
        RepositoryPaths.RequireFaceApiModel();
        ModelPath = TeacherModel.EnsureConverted(RepositoryPaths.Cache);
        Session = new InferenceSession(ModelPath);
    }

    public string ModelPath { get; }

    public InferenceSession Session { get; }

    /// <summary>Descriptors of HWC RGB chips, one float[128] each.</summary>
    public float[][] Embed(IReadOnlyList<byte[]> chips)
    {
        var output = OnnxRun.Once(
            Session,
            TeacherModel.InputName,
            LfwChips.ToNchw(chips),
            [chips.Count, 3, TeacherModel.InputSize, TeacherModel.InputSize],
            TeacherModel.OutputName);
        return output.Chunk(TeacherModel.EmbeddingSize).ToArray();
    }

    public void Dispose() => Session.Dispose();
}
