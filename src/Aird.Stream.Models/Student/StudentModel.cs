namespace Aird.Stream.Models.Student;

/// <summary>
/// The AIRD student's ONNX contract, shared by the exporter (Training), the evaluation and the recognizer.
/// Input <see cref="InputName"/>: float32 NCHW [N, 3, 64, 64], RGB in 0..255, the teacher's aligned chip geometry
/// at 64 px (normalised inside the model, as the teacher). Output <see cref="OutputName"/>: float32 [N, 128] in the
/// teacher's embedding space, not L2-normalised.
/// </summary>
/// <remarks>
/// The FaceBN graph adds, for every BatchNorm layer l (in forward order), the inputs <c>bn{l}.scale</c> and
/// <c>bn{l}.shift</c> [N, C_l] and the outputs <c>bn{l}.mean</c> and <c>bn{l}.sqmean</c> [N, C_l]; its
/// <see cref="BatchNormMetadataKey"/> metadata holds the trained layers (<see cref="StudentBatchNorm"/>).
/// </remarks>
public static class StudentModel
{
    public const string InputName = "input";
    public const string OutputName = "embedding";

    /// <summary>64 px keeps every probe of 8-32 px at full detail and costs about a fifth of the teacher's 150 px.</summary>
    public const int InputSize = 64;

    public const int EmbeddingSize = 128;

    /// <summary>Metadata key of the JSON list of <see cref="StudentBatchNorm"/> layers in the FaceBN graph.</summary>
    public const string BatchNormMetadataKey = "facebn_layers";

    /// <summary>Metadata key naming the weights: a camera's FaceBN state belongs to one model version.</summary>
    public const string VersionMetadataKey = "model_version";

    public static string ScaleInput(int layer) => $"bn{layer}.scale";

    public static string ShiftInput(int layer) => $"bn{layer}.shift";

    public static string MeanOutput(int layer) => $"bn{layer}.mean";

    public static string SquareMeanOutput(int layer) => $"bn{layer}.sqmean";
}
