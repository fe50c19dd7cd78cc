using System.Text.Json.Serialization;

namespace Aird.Stream.Evaluation.Pipeline;

/// <summary>Verification accuracy of a camera's probes embedded with its FaceBN state as it was after <paramref name="Faces"/> faces.</summary>
public sealed record FaceBnWarmupPoint(
    [property: JsonPropertyName("camera")] string Camera,
    [property: JsonPropertyName("faces")] int Faces,
    [property: JsonPropertyName("accuracy")] double Accuracy);
