using Aird.Stream.Models.Onnx;

namespace Aird.Stream.Models;

/// <summary>
/// face-api's input normalisation, which the teacher was trained with and the student keeps so that it can start from
/// the teacher's weights: per-channel RGB mean subtracted, then divided by 255 (not multiplied by 1/255).
/// </summary>
public static class PixelNormalisation
{
    public const float Divisor = 255f;

    public static IReadOnlyList<float> MeanRgb { get; } = [122.782f, 117.001f, 104.298f];

    /// <summary>Adds (input - mean) / 255 over an NCHW RGB input to <paramref name="graph"/>; returns the normalised value.</summary>
    public static string AddTo(OnnxGraphBuilder graph, string input)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var mean = graph.AddInitializer("mean_rgb", MeanRgb.ToArray(), 1, 3, 1, 1);
        var divisor = graph.AddInitializer("pixel_divisor", [Divisor]);
        return graph.AddNode("Div", [graph.AddNode("Sub", [input, mean]), divisor]);
    }
}
