using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Aird.Stream.Models;
using Aird.Stream.Models.Onnx;
using Aird.Stream.Models.Student;
using Aird.Stream.Recognition.FaceBn;
using Aird.Stream.Training.Student;
using static TorchSharp.torch;

namespace Aird.Stream.Training.Export;

/// <summary>
/// Writes a <see cref="StudentNetwork"/> (its eval-mode function) as ONNX with our own graph writer, either with
/// BatchNorm folded or with the FaceBN interface of <see cref="StudentModel"/>.
/// </summary>
public static class StudentOnnxExporter
{
    public static byte[] Export(StudentNetwork student, StudentGraph kind, IEnumerable<KeyValuePair<string, string>>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(student);
        var graph = new OnnxGraphBuilder(kind == StudentGraph.Folded ? "aird_student" : "aird_student_facebn");
        var version = Version(student);
        graph.SetMetadata(StudentModel.VersionMetadataKey, version);
        foreach (var (key, value) in metadata ?? [])
        {
            graph.SetMetadata(key, value);
        }

        if (kind == StudentGraph.FaceBn)
        {
            graph.SetMetadata(StudentModel.BatchNormMetadataKey, StudentBatchNorm.ToJson(BatchNormLayers(student)));
        }

        graph.AddInput(StudentModel.InputName, "N", 3, StudentModel.InputSize, StudentModel.InputSize);
        var writer = new Writer(graph, kind, TrainingState(student, version));
        var x = PixelNormalisation.AddTo(graph, StudentModel.InputName);
        x = writer.Unit(x, student.Stem);
        x = graph.AddNode("MaxPool", [x], OnnxAttr.List("kernel_shape", 3, 3), OnnxAttr.List("strides", 2, 2), OnnxAttr.List("pads", 1, 1, 1, 1));
        foreach (var block in student.Blocks)
        {
            x = writer.Block(x, block);
        }

        var pooled = graph.AddNode("ReduceMean", [x], OnnxAttr.List("axes", 2, 3), OnnxAttr.Scalar("keepdims", 0));
        var projection = student.Projection.weight!;
        var transposed = Values(projection.t().contiguous());
        var embedding = graph.AddNode("MatMul", [pooled, graph.AddInitializer("projection", transposed, projection.shape[1], projection.shape[0])]);
        graph.AddOutput(embedding, StudentModel.OutputName, "N", StudentModel.EmbeddingSize);
        return graph.ToByteArray();
    }

    /// <summary>The trained BatchNorm layers in FaceBN order (<c>bn0</c> = the stem).</summary>
    public static IReadOnlyList<StudentBatchNorm> BatchNormLayers(StudentNetwork student)
    {
        ArgumentNullException.ThrowIfNull(student);
        return student.Units.Select((unit, l) => new StudentBatchNorm(
            $"bn{l}",
            ConvBatchNorm.Epsilon,
            Values(unit.Norm.weight!),
            Values(unit.Norm.bias!),
            Values(unit.Norm.running_mean!),
            Values(unit.Norm.running_var!))).ToList();
    }

    /// <summary>The first 16 hex digits of the SHA-256 of every parameter and running statistic, in order.</summary>
    public static string Version(StudentNetwork student)
    {
        ArgumentNullException.ThrowIfNull(student);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (_, tensor) in student.state_dict())
        {
            if (tensor.dtype == ScalarType.Float32)
            {
                hash.AppendData(MemoryMarshal.AsBytes(Values(tensor).AsSpan()));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static FaceBnState TrainingState(StudentNetwork student, string version) => FaceBnState.FromTraining(
        "export",
        new FaceBnModel(version, [.. BatchNormLayers(student).Select(l => new BnLayerStatistics(l.Gamma, l.Beta, l.Mean, l.Variance, l.Epsilon))]));

    private static float[] Values(Tensor tensor) => tensor.detach().cpu().contiguous().data<float>().ToArray();

    private sealed class Writer(OnnxGraphBuilder graph, StudentGraph kind, FaceBnState training)
    {
        private int _layer;
        private int _constants;

        public string Block(string x, StudentBlock block)
        {
            var y = Unit(Unit(x, block.First), block.Second);
            var shortcut = x;
            if (block.Down)
            {
                shortcut = graph.AddNode("AveragePool", [x], OnnxAttr.List("kernel_shape", 2, 2), OnnxAttr.List("strides", 2, 2));
                if (block.ExtraChannels > 0)
                {
                    var pads = graph.AddInt64Initializer($"channel_pad_{_constants++}", [0, 0, 0, 0, 0, block.ExtraChannels, 0, 0], 8);
                    shortcut = graph.AddNode("Pad", [shortcut, pads]);
                }
            }

            return graph.AddNode("Relu", [graph.AddNode("Add", [y, shortcut])]);
        }

        public string Unit(string x, ConvBatchNorm unit)
        {
            var l = _layer++;
            var weight = unit.Conv.weight!;
            var (outChannels, inChannels, kernel) = (weight.shape[0], weight.shape[1], weight.shape[2]);
            var filters = Values(weight);
            var attributes = new[]
            {
                OnnxAttr.List("kernel_shape", kernel, kernel),
                OnnxAttr.List("strides", unit.Stride, unit.Stride),
                OnnxAttr.List("pads", unit.Padding, unit.Padding, unit.Padding, unit.Padding),
            };
            string y;
            if (kind == StudentGraph.Folded)
            {
                // The folded graph is the FaceBN graph fed a camera that has seen no face: the training statistics.
                var (scale, shift) = training.Fold(l);
                var perFilter = filters.Length / (int)outChannels;
                for (var i = 0; i < filters.Length; i++)
                {
                    filters[i] *= scale[i / perFilter];
                }

                var w = graph.AddInitializer($"conv{l}.weight", filters, outChannels, inChannels, kernel, kernel);
                var b = graph.AddInitializer($"conv{l}.bias", shift, outChannels);
                y = graph.AddNode("Conv", [x, w, b], attributes);
            }
            else
            {
                var w = graph.AddInitializer($"conv{l}.weight", filters, outChannels, inChannels, kernel, kernel);
                var z = graph.AddNode("Conv", [x, w], attributes);
                var spatial = new[] { OnnxAttr.List("axes", 2, 3), OnnxAttr.Scalar("keepdims", 0) };
                graph.AddOutput(graph.AddNode("ReduceMean", [z], spatial), StudentModel.MeanOutput(l), "N", outChannels);
                graph.AddOutput(graph.AddNode("ReduceMean", [graph.AddNode("Mul", [z, z])], spatial), StudentModel.SquareMeanOutput(l), "N", outChannels);
                graph.AddInput(StudentModel.ScaleInput(l), "N", outChannels);
                graph.AddInput(StudentModel.ShiftInput(l), "N", outChannels);
                var axes = graph.AddInt64Initializer($"unsqueeze_axes_{l}", [2, 3], 2);
                var scale = graph.AddNode("Unsqueeze", [StudentModel.ScaleInput(l), axes]);
                var shift = graph.AddNode("Unsqueeze", [StudentModel.ShiftInput(l), axes]);
                y = graph.AddNode("Add", [graph.AddNode("Mul", [z, scale]), shift]);
            }

            return unit.Relu ? graph.AddNode("Relu", [y]) : y;
        }
    }
}
