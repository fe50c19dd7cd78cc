using Aird.Stream.Models.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace Aird.Stream.Models.Tests;

public sealed class OnnxGraphBuilderTests
{
    [Fact]
    public void A_tiny_conv_pad_relu_mean_matmul_graph_runs_in_onnx_runtime_as_computed_by_hand()
    {
        var graph = new OnnxGraphBuilder("tiny");
        graph.AddInput("x", "N", 1, 3, 3);
        var conv = graph.AddNode(
            "Conv",
            ["x", graph.AddInitializer("w", [1f, 2f, 3f, 4f], 1, 1, 2, 2)],
            OnnxAttr.List("kernel_shape", 2, 2));
        var biased = graph.AddNode("Add", [conv, graph.AddInitializer("b", [0.5f], 1, 1, 1)]);
        var padded = graph.AddNode("Pad", [biased, graph.AddInt64Initializer("pads", [0, 0, 0, 0, 0, 0, 1, 1], 8)]);
        var relu = graph.AddNode("Relu", [padded]);
        var mean = graph.AddNode("ReduceMean", [relu], OnnxAttr.List("axes", 2, 3), OnnxAttr.Scalar("keepdims", 0));
        var projected = graph.AddNode("MatMul", [mean, graph.AddInitializer("fc", [2f, -1f], 1, 2)]);
        graph.AddOutput(projected, "y", "N", 2);
        graph.SetMetadata("purpose", "test");
        using var session = new InferenceSession(graph.ToByteArray());

        float[] x = [1, 2, 3, 4, 5, 6, 7, 8, -20];
        var y = OnnxRun.Once(session, "x", [.. x, .. x], [2, 1, 3, 3], "y");

        // Conv: 37, 47, 67, -39; + 0.5; zero row and column appended; ReLU drops -38.5; mean over 9 cells.
        const float Mean = (37.5f + 47.5f + 67.5f) / 9f;
        Assert.Equal([2 * Mean, -Mean, 2 * Mean, -Mean], y, (a, b) => Math.Abs(a - b) < 1e-5f);
        Assert.Equal("test", session.ModelMetadata.CustomMetadataMap["purpose"]);
    }

    [Fact]
    public void Wiring_mistakes_are_rejected_while_building()
    {
        var graph = new OnnxGraphBuilder("broken");
        graph.AddInput("x", 1);

        Assert.Contains("nothing in the graph defines", Assert.Throws<ArgumentException>(() => graph.AddNode("Relu", ["typo"])).Message, StringComparison.Ordinal);
        Assert.Contains("already has", Assert.Throws<ArgumentException>(() => graph.AddInitializer("x", [1f], 1)).Message, StringComparison.Ordinal);
        Assert.Contains("needs another count", Assert.Throws<ArgumentException>(() => graph.AddInitializer("w", [1f, 2f], 3)).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(graph.ToByteArray);
    }
}
