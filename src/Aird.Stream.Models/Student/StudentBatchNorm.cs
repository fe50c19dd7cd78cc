using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aird.Stream.Models.Student;

/// <summary>One trained BatchNorm layer of the student: y = gamma (x - mean) / sqrt(variance + epsilon) + beta.</summary>
public sealed record StudentBatchNorm(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("epsilon")] double Epsilon,
    [property: JsonPropertyName("gamma")] float[] Gamma,
    [property: JsonPropertyName("beta")] float[] Beta,
    [property: JsonPropertyName("mean")] float[] Mean,
    [property: JsonPropertyName("variance")] float[] Variance)
{
    public int Channels => Gamma.Length;

    public static string ToJson(IReadOnlyList<StudentBatchNorm> layers) => JsonSerializer.Serialize(layers);

    /// <exception cref="InvalidDataException">The text is not a list of layers with matching channel counts.</exception>
    public static IReadOnlyList<StudentBatchNorm> FromJson(string json)
    {
        List<StudentBatchNorm>? layers;
        try
        {
            layers = JsonSerializer.Deserialize<List<StudentBatchNorm>>(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The FaceBN layer metadata is not valid JSON: {e.Message}", e);
        }

        if (layers is not { Count: > 0 } || layers.Any(l => l?.Gamma is null || l.Beta?.Length != l.Gamma.Length
            || l.Mean?.Length != l.Gamma.Length || l.Variance?.Length != l.Gamma.Length))
        {
            throw new InvalidDataException("The FaceBN layer metadata must list layers whose gamma, beta, mean and variance have one value per channel.");
        }

        return layers;
    }
}
