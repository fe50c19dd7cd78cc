using Aird.Stream.Models.Runtime;
using Aird.Stream.Models.Student;
using Aird.Stream.Recognition.FaceBn;

namespace Aird.Stream.Enrollment;

/// <summary>
/// The recognizer's model, opened as the recognizer opens it, so that enrolled and live embeddings share one space
/// and one model version. A FaceBN graph is fed its training statistics: an enrollment photo comes from no camera,
/// and the training statistics make the graph compute exactly the folded student.
/// </summary>
public sealed class EnrollmentEmbedder : IDisposable
{
    private readonly FaceEmbedder? _plain;
    private readonly FaceBnSession? _faceBn;
    private readonly FaceBnState? _training;

    private EnrollmentEmbedder(FaceEmbedder? plain, FaceBnSession? faceBn, string version, int chipSize)
    {
        _plain = plain;
        _faceBn = faceBn;
        _training = faceBn is null ? null : FaceBnState.FromTraining("enrollment", faceBn.Model);
        Version = version;
        ChipSize = chipSize;
    }

    /// <summary>The model version the recognizer publishes with its embeddings: the weights' version from the
    /// model's metadata, else (an embedder that names none, e.g. the teacher) the file name without extension.</summary>
    public string Version { get; }

    public int ChipSize { get; }

    /// <param name="faceBn">Whether the recognizer runs the model as a FaceBN graph (<c>Recognizer:FaceBn</c>).</param>
    /// <exception cref="FileNotFoundException">There is no model at <paramref name="modelPath"/>.</exception>
    /// <exception cref="InvalidDataException">The model is not a FaceBN graph (FaceBN on) or not an embedder.</exception>
    public static EnrollmentEmbedder Open(OnnxSessionFactory sessions, string modelPath, bool faceBn, OnnxRuntimeOptions runtime)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        ArgumentNullException.ThrowIfNull(runtime);
        var session = sessions.Create(modelPath, runtime);
        try
        {
            if (faceBn)
            {
                var graph = new FaceBnSession(session);
                return new EnrollmentEmbedder(null, graph, graph.Version, graph.ChipSize);
            }

            var model = EmbedderModelInfo.Describe(Path.GetFileNameWithoutExtension(modelPath), session.Session);
            var version = session.Session.ModelMetadata.CustomMetadataMap.TryGetValue(StudentModel.VersionMetadataKey, out var named)
                ? named
                : model.Name;
            return new EnrollmentEmbedder(new FaceEmbedder(session, model, maxBatchSize: 1), null, version, model.ChipSize);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>The L2-normalised embedding of one <see cref="ChipSize"/> RGB chip (HWC bytes).</summary>
    public float[] Embed(ReadOnlyMemory<byte> rgbChip)
    {
        if (_plain is not null)
        {
            return _plain.Embed([rgbChip])[0];
        }

        var layers = _faceBn!.Layers.Count;
        var scales = new float[layers][];
        var shifts = new float[layers][];
        for (var l = 0; l < layers; l++)
        {
            (scales[l], shifts[l]) = _training!.Fold(l);
        }

        return _faceBn.Run([rgbChip], scales, shifts).Embeddings[0];
    }

    public void Dispose()
    {
        _plain?.Dispose();
        _faceBn?.Dispose();
    }
}
