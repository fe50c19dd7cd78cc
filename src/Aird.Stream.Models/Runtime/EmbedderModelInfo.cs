using Aird.Stream.Models.Teacher;
using Microsoft.ML.OnnxRuntime;

namespace Aird.Stream.Models.Runtime;

/// <summary>
/// What <see cref="FaceEmbedder"/> needs to know of an embedding model: input float32 NCHW [N, 3, ChipSize,
/// ChipSize] with RGB values in 0..255 (any normalisation lives inside the model), output float32 [N, EmbeddingSize].
/// </summary>
public sealed record EmbedderModelInfo(string Name, string InputName, string OutputName, int ChipSize, int EmbeddingSize)
{
    /// <summary>The face-api dlib ResNet teacher of <see cref="TeacherModel"/>.</summary>
    public static EmbedderModelInfo Teacher { get; } = new(
        "teacher", TeacherModel.InputName, TeacherModel.OutputName, TeacherModel.InputSize, TeacherModel.EmbeddingSize);

    /// <summary>Reads the layout of a model with one input [N, 3, S, S] and one output [N, D] from its session.</summary>
    /// <exception cref="InvalidDataException">The model does not have that layout.</exception>
    public static EmbedderModelInfo Describe(string name, InferenceSession session)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(session);
        if (session.InputMetadata.Count != 1 || session.OutputMetadata.Count != 1)
        {
            throw new InvalidDataException(
                $"Model '{name}' has {session.InputMetadata.Count} inputs and {session.OutputMetadata.Count} outputs; an embedder has one of each.");
        }

        var (inputName, input) = session.InputMetadata.Single();
        var (outputName, output) = session.OutputMetadata.Single();
        var inputShape = input.Dimensions;
        var outputShape = output.Dimensions;
        if (input.ElementType != typeof(float) || output.ElementType != typeof(float)
            || inputShape is not [_, 3, var height, var width] || height <= 0 || height != width
            || outputShape is not [_, var embeddingSize] || embeddingSize <= 0)
        {
            throw new InvalidDataException(
                $"Model '{name}' maps [{string.Join(',', inputShape)}] to [{string.Join(',', outputShape)}]; "
                + "an embedder maps float32 NCHW [N,3,S,S] to float32 [N,D].");
        }

        return new EmbedderModelInfo(name, inputName, outputName, height, embeddingSize);
    }
}
